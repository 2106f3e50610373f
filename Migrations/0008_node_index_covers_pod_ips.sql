-- A kubelet choosing a pod IP reads the phase, IP and uid of every pod on its node: the node index now
-- carries them, so that read never visits the table (it did, once per pod, for every pod started).
-- Namespace and name stay right after the node, so the pods on a node still come out in name order.
DROP INDEX objects_by_node;
CREATE INDEX objects_by_node ON objects(kind, node_name, namespace, name, phase, pod_ip, uid) WHERE kind = 'Pod';

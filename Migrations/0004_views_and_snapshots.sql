-- SQL views for people (logbook sql, or sqlite3 on the file): one row per live object of a kind, with the
-- columns people filter on. Each view reads the objects projection; `object` is the object's JSON (from the
-- event the projection points at), for json_extract. It is a scalar subquery, not a join, so a query that
-- uses only projection columns (namespace, name, phase, node, ip) never reads the JSON and stays on indexes.

-- Pods by phase (the node and owner filters use objects_by_node and objects_by_owner).
CREATE INDEX objects_by_phase ON objects(kind, phase);

CREATE VIEW pods AS
SELECT o.namespace, o.name, o.phase, o.node_name AS node, o.pod_ip AS ip,
    coalesce((SELECT json_extract(c.value, '$.status') = 'True' FROM json_each(o.object, '$.status.conditions') c
              WHERE json_extract(c.value, '$.type') = 'Ready' LIMIT 1), 0) AS ready,
    coalesce((SELECT sum(json_extract(s.value, '$.restartCount'))
              FROM json_each(o.object, '$.status.containerStatuses') s), 0) AS restarts,
    coalesce((SELECT json_extract(r.value, '$.kind') FROM json_each(o.object, '$.metadata.ownerReferences') r
              WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), '') AS owner_kind,
    coalesce((SELECT json_extract(r.value, '$.name') FROM json_each(o.object, '$.metadata.ownerReferences') r
              WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), '') AS owner_name,
    coalesce((SELECT group_concat(json_extract(c.value, '$.image'), ',')
              FROM json_each(o.object, '$.spec.containers') c), '') AS images,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Pod') AS o;

CREATE VIEW replicasets AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.spec.replicas'), 1) AS desired,
    coalesce(json_extract(o.object, '$.status.replicas'), 0) AS current,
    coalesce(json_extract(o.object, '$.status.readyReplicas'), 0) AS ready,
    coalesce(json_extract(o.object, '$.status.availableReplicas'), 0) AS available,
    json_extract(o.object, '$.metadata.annotations."deployment.kubernetes.io/revision"') AS revision,
    coalesce((SELECT json_extract(r.value, '$.kind') FROM json_each(o.object, '$.metadata.ownerReferences') r
              WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), '') AS owner_kind,
    coalesce((SELECT json_extract(r.value, '$.name') FROM json_each(o.object, '$.metadata.ownerReferences') r
              WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), '') AS owner_name,
    coalesce((SELECT group_concat(json_extract(c.value, '$.image'), ',')
              FROM json_each(o.object, '$.spec.template.spec.containers') c), '') AS images,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'ReplicaSet') AS o;

CREATE VIEW deployments AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.spec.replicas'), 1) AS replicas,
    coalesce(json_extract(o.object, '$.status.updatedReplicas'), 0) AS updated,
    coalesce(json_extract(o.object, '$.status.readyReplicas'), 0) AS ready,
    coalesce(json_extract(o.object, '$.status.availableReplicas'), 0) AS available,
    json_extract(o.object, '$.metadata.annotations."deployment.kubernetes.io/revision"') AS revision,
    coalesce(json_extract(o.object, '$.spec.paused') = 1, 0) AS paused,
    coalesce((SELECT group_concat(json_extract(c.value, '$.image'), ',')
              FROM json_each(o.object, '$.spec.template.spec.containers') c), '') AS image,
    coalesce(json_extract(o.object, '$.spec.strategy.type'), '') AS strategy,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Deployment') AS o;

CREATE VIEW statefulsets AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.spec.replicas'), 1) AS replicas,
    coalesce(json_extract(o.object, '$.status.readyReplicas'), 0) AS ready,
    coalesce(json_extract(o.object, '$.status.currentReplicas'), 0) AS current,
    coalesce(json_extract(o.object, '$.status.updatedReplicas'), 0) AS updated,
    coalesce(json_extract(o.object, '$.spec.serviceName'), '') AS service_name,
    coalesce((SELECT group_concat(json_extract(c.value, '$.image'), ',')
              FROM json_each(o.object, '$.spec.template.spec.containers') c), '') AS images,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'StatefulSet') AS o;

CREATE VIEW services AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.spec.type'), 'ClusterIP') AS type,
    coalesce(json_extract(o.object, '$.spec.clusterIP'), '') AS cluster_ip,
    coalesce((SELECT group_concat(json_extract(p.value, '$.port') || '/' || coalesce(json_extract(p.value, '$.protocol'), 'TCP'), ',')
              FROM json_each(o.object, '$.spec.ports') p), '') AS ports,
    coalesce(json_extract(o.object, '$.spec.selector'), '') AS selector,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Service') AS o;

CREATE VIEW endpoints AS
SELECT o.namespace, o.name,
    coalesce((SELECT group_concat(json_extract(a.value, '$.ip'), ',')
              FROM json_each(o.object, '$.subsets') s, json_each(s.value, '$.addresses') a), '') AS addresses,
    coalesce((SELECT group_concat(json_extract(a.value, '$.ip'), ',')
              FROM json_each(o.object, '$.subsets') s, json_each(s.value, '$.notReadyAddresses') a), '') AS not_ready_addresses,
    coalesce((SELECT group_concat(json_extract(p.value, '$.port') || '/' || coalesce(json_extract(p.value, '$.protocol'), 'TCP'), ',')
              FROM json_each(o.object, '$.subsets') s, json_each(s.value, '$.ports') p), '') AS ports,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Endpoints') AS o;

CREATE VIEW pvcs AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.status.phase'), '') AS phase,
    coalesce(json_extract(o.object, '$.spec.volumeName'), '') AS volume,
    coalesce(json_extract(o.object, '$.status.capacity.storage'), '') AS capacity,
    coalesce(json_extract(o.object, '$.spec.resources.requests.storage'), '') AS requested,
    coalesce((SELECT group_concat(m.value, ',') FROM json_each(o.object, '$.spec.accessModes') m), '') AS access_modes,
    coalesce(json_extract(o.object, '$.spec.storageClassName'), '') AS storage_class,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'PersistentVolumeClaim') AS o;

CREATE VIEW pvs AS
SELECT o.name,
    coalesce(json_extract(o.object, '$.spec.capacity.storage'), '') AS capacity,
    coalesce((SELECT group_concat(m.value, ',') FROM json_each(o.object, '$.spec.accessModes') m), '') AS access_modes,
    coalesce(json_extract(o.object, '$.spec.persistentVolumeReclaimPolicy'), '') AS reclaim_policy,
    coalesce(json_extract(o.object, '$.status.phase'), '') AS phase,
    CASE WHEN json_extract(o.object, '$.spec.claimRef.name') IS NULL THEN ''
         ELSE coalesce(json_extract(o.object, '$.spec.claimRef.namespace'), '') || '/' || json_extract(o.object, '$.spec.claimRef.name')
    END AS claim,
    coalesce(json_extract(o.object, '$.spec.storageClassName'), '') AS storage_class,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'PersistentVolume') AS o;

CREATE VIEW nodes AS
SELECT o.name,
    coalesce((SELECT json_extract(c.value, '$.status') = 'True' FROM json_each(o.object, '$.status.conditions') c
              WHERE json_extract(c.value, '$.type') = 'Ready' LIMIT 1), 0) AS ready,
    coalesce(json_extract(o.object, '$.spec.unschedulable') = 1, 0) AS unschedulable,
    (SELECT count(*) FROM objects p WHERE p.kind = 'Pod' AND p.node_name = o.name) AS pods,
    coalesce(json_extract(o.object, '$.status.capacity.cpu'), '') AS cpu,
    coalesce(json_extract(o.object, '$.status.capacity.memory'), '') AS memory,
    coalesce(json_extract(o.object, '$.status.capacity.pods'), '') AS max_pods,
    coalesce((SELECT json_extract(a.value, '$.address') FROM json_each(o.object, '$.status.addresses') a
              WHERE json_extract(a.value, '$.type') = 'InternalIP' LIMIT 1), '') AS internal_ip,
    coalesce(json_extract(o.object, '$.status.nodeInfo.kubeletVersion'), '') AS version,
    json_extract(o.object, '$.metadata.creationTimestamp') AS created,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Node') AS o;

-- The log itself (the `events` table has the same columns; this view leaves out uid, api_version and object).
CREATE VIEW log AS
SELECT seq, time, actor, verb, kind, namespace, name, cause FROM events;

-- core/v1 Events (what `kubectl get events` lists).
CREATE VIEW k8s_events AS
SELECT o.namespace, o.name,
    coalesce(json_extract(o.object, '$.type'), '') AS type,
    coalesce(json_extract(o.object, '$.reason'), '') AS reason,
    coalesce(json_extract(o.object, '$.involvedObject.kind'), '') AS object_kind,
    coalesce(json_extract(o.object, '$.involvedObject.name'), '') AS object_name,
    coalesce(json_extract(o.object, '$.message'), '') AS message,
    coalesce(json_extract(o.object, '$.count'), 1) AS count,
    json_extract(o.object, '$.firstTimestamp') AS first_seen,
    json_extract(o.object, '$.lastTimestamp') AS last_seen,
    coalesce(json_extract(o.object, '$.source.component'), '') AS source,
    o.uid, o.seq, o.object
FROM (SELECT o.*, (SELECT e.object FROM events e WHERE e.seq = o.seq) AS object
      FROM objects o WHERE o.kind = 'Event') AS o;

-- The revision history of every Deployment (`rollout history`), with each revision's images.
CREATE VIEW rollout_history AS
SELECT namespace, deployment, revision, replicaset, change_cause,
    coalesce((SELECT group_concat(json_extract(c.value, '$.image'), ',')
              FROM json_each(template, '$.spec.containers') c), '') AS images,
    seq, time, actor, verb, cause
FROM revisions;

-- Time travel checkpoints (`--at`): the objects projection as of seq `at_seq`, built on demand by a read
-- with --at and reused by later ones. A derived cache: deleting its rows loses nothing.
CREATE TABLE snapshots (
    at_seq  INTEGER PRIMARY KEY,
    objects INTEGER NOT NULL             -- rows in snapshot_objects for this at_seq
);

CREATE TABLE snapshot_objects (
    at_seq      INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    namespace   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    api_version TEXT    NOT NULL,
    uid         TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    owner_uid   TEXT    NOT NULL,
    node_name   TEXT    NOT NULL,
    phase       TEXT    NOT NULL,
    pod_ip      TEXT    NOT NULL,
    PRIMARY KEY (at_seq, kind, namespace, name)
) WITHOUT ROWID;

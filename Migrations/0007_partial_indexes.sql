-- Core Events are about half of all objects, and nothing looks them up by node, phase or owner: the
-- indexes for those lookups keep only the objects that are looked up that way, so recording an Event
-- touches the table's key and nothing else. Same names and columns, so every read keeps its plan; a
-- read by owner names `kind <> 'Event'` to use its index.
DROP INDEX objects_by_node;
CREATE INDEX objects_by_node ON objects(kind, node_name) WHERE kind = 'Pod';
DROP INDEX objects_by_phase;
CREATE INDEX objects_by_phase ON objects(kind, phase) WHERE kind = 'Pod';
DROP INDEX objects_by_owner;
CREATE INDEX objects_by_owner ON objects(kind, namespace, owner_uid) WHERE kind <> 'Event';

-- The event log: one row per API change, append-only. seq is the resourceVersion.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    time        TEXT    NOT NULL,            -- simulated time, RFC 3339 (UTC, seconds)
    actor       TEXT    NOT NULL,            -- a user name, or a controller's name
    verb        TEXT    NOT NULL,            -- init, advance, create, update, patch, status, delete
    api_version TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL DEFAULT '',
    namespace   TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '',
    uid         TEXT    NOT NULL DEFAULT '',
    object      TEXT,                        -- the full object after the change (JSON); the last state for delete
    cause       INTEGER REFERENCES events(seq) -- the event that led a controller to write this one
);

CREATE INDEX events_by_object ON events(kind, namespace, name, seq);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be updated'); END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;

-- The current-state projection: which event holds the latest version of every live object. The
-- object's JSON is read from that event, so each version is stored once.
CREATE TABLE objects (
    kind        TEXT    NOT NULL,
    namespace   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    api_version TEXT    NOT NULL,
    uid         TEXT    NOT NULL,
    seq         INTEGER NOT NULL REFERENCES events(seq), -- resourceVersion of this version
    owner_uid   TEXT    NOT NULL DEFAULT '', -- the uid in its controller ownerReference, '' for none
    node_name   TEXT    NOT NULL DEFAULT '', -- spec.nodeName of a pod, '' for none
    phase       TEXT    NOT NULL DEFAULT '', -- status.phase of a pod
    pod_ip      TEXT    NOT NULL DEFAULT '', -- status.podIP of a pod
    PRIMARY KEY (kind, namespace, name)
) WITHOUT ROWID;

CREATE INDEX objects_by_owner ON objects(kind, namespace, owner_uid);
CREATE INDEX objects_by_node ON objects(kind, node_name);

-- The live objects with their JSON, for reading (and for people using sqlite3 on the file).
CREATE VIEW live_objects AS
    SELECT o.kind, o.namespace, o.name, o.api_version, o.uid, o.seq, e.object
    FROM objects o JOIN events e ON e.seq = o.seq;

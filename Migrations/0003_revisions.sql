-- The revision history projection: one row per ReplicaSet that a Deployment controls and that carries a
-- `deployment.kubernetes.io/revision` annotation. `rollout history` reads it; `verify` rebuilds it from the
-- log. seq, time, actor, verb and cause name the event that gave the ReplicaSet its current revision number.
CREATE TABLE revisions (
    namespace      TEXT    NOT NULL,
    deployment     TEXT    NOT NULL,            -- the controlling Deployment's name
    deployment_uid TEXT    NOT NULL,            -- and uid (a recreated Deployment has a new one)
    revision       INTEGER NOT NULL,
    replicaset     TEXT    NOT NULL,
    template       TEXT    NOT NULL,            -- the ReplicaSet's spec.template, canonical JSON
    change_cause   TEXT    NOT NULL DEFAULT '', -- its kubernetes.io/change-cause annotation
    seq            INTEGER NOT NULL,            -- the events row (not a foreign key: written in the same transaction)
    time           TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    verb           TEXT    NOT NULL,
    cause          INTEGER,
    PRIMARY KEY (namespace, replicaset)
) WITHOUT ROWID;

CREATE INDEX revisions_by_deployment ON revisions(namespace, deployment, revision);

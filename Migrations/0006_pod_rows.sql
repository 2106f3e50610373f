-- The pod table rows: for each pod version (the event that holds it), what `get pods` prints of it that does
-- not depend on the time of reading, computed by the same code as the table printer (Model's PodRow). A
-- pod table joins objects (or a time-travel state) to these rows by seq and never decodes the pods' JSON.
-- Written in the transaction of the pod's event; rows of live pods are filled in when this migration runs.
-- A version without a row (an imported past version) is computed from its JSON when read.
CREATE TABLE pod_rows (
    seq             INTEGER PRIMARY KEY,         -- the events row of this pod version (not a foreign key: same transaction)
    ready           TEXT    NOT NULL,            -- READY, e.g. 1/2
    status          TEXT    NOT NULL,            -- STATUS, e.g. Running, CrashLoopBackOff, Init:0/1, Terminating
    restarts        INTEGER NOT NULL,            -- RESTARTS count
    last_restart    INTEGER,                     -- newest lastState.terminated.finishedAt, Unix seconds (for "3 (5m ago)")
    created         INTEGER,                     -- metadata.creationTimestamp, Unix seconds (AGE); NULL when unreadable
    ip              TEXT    NOT NULL DEFAULT '', -- IP (wide): the first status.podIPs, else status.podIP
    node            TEXT    NOT NULL DEFAULT '', -- NODE (wide): spec.nodeName
    nominated_node  TEXT    NOT NULL DEFAULT '', -- NOMINATED NODE (wide): status.nominatedNodeName
    readiness_gates TEXT    NOT NULL DEFAULT ''  -- READINESS GATES (wide), e.g. 1/2; '' for none
);

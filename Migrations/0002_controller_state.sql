-- Where the controllers are in the log, and the keys they asked to see again at a simulated time.
-- This is working state, not a projection: a fresh engine rebuilds it by resyncing from the log.
CREATE TABLE controller_cursor (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL              -- every event up to here has been handed to the controllers
);

CREATE TABLE controller_timers (
    controller TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    namespace  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    due        INTEGER NOT NULL,      -- simulated seconds since the Unix epoch
    PRIMARY KEY (controller, kind, namespace, name)
) WITHOUT ROWID;

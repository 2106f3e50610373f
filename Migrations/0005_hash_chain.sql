-- The tamper-evident hash chain: every event carries hash = SHA-256(previous event's hash ‖ canonical
-- encoding of its seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause), as
-- lowercase hex; the first event chains onto 32 zero bytes. The store computes it on append (SQL has no
-- SHA-256); events written before this migration get theirs on the next write-open, in one transaction.
ALTER TABLE events ADD COLUMN hash TEXT;

-- Still append-only, with one exception: a missing hash may be filled in once, changing nothing else.
DROP TRIGGER events_are_append_only_update;
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
          AND NEW.seq IS OLD.seq AND NEW.time IS OLD.time AND NEW.actor IS OLD.actor AND NEW.verb IS OLD.verb
          AND NEW.api_version IS OLD.api_version AND NEW.kind IS OLD.kind AND NEW.namespace IS OLD.namespace
          AND NEW.name IS OLD.name AND NEW.uid IS OLD.uid AND NEW.object IS OLD.object AND NEW.cause IS OLD.cause)
BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be updated'); END;

-- IMAP live checks and folder state from NOTIFY (issue #9). Triggers, so no writer can forget:
-- every change that must end open IMAP sessions notifies "octeportal_mailbox_change" with the
-- mailbox id ("d<id>" for a whole domain), and every change of a folder's highestModseq (or its
-- name, or its deletion) notifies "octeportal_folder_change" with "<folderId>:<modseq>"
-- ("<folderId>:gone" when renamed or deleted). PostgreSQL delivers them at COMMIT.

CREATE FUNCTION octeportal_notify_mailbox_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('octeportal_mailbox_change', OLD.id::text);
    RETURN OLD;
  END IF;
  IF NEW."sessionVersion" IS DISTINCT FROM OLD."sessionVersion"
     OR NEW.suspended IS DISTINCT FROM OLD.suspended
     OR NEW."imapEnabled" IS DISTINCT FROM OLD."imapEnabled" THEN
    PERFORM pg_notify('octeportal_mailbox_change', NEW.id::text);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Mailbox_notify_session_change"
  AFTER UPDATE OF "sessionVersion", suspended, "imapEnabled" OR DELETE ON "Mailbox"
  FOR EACH ROW EXECUTE FUNCTION octeportal_notify_mailbox_change();

CREATE FUNCTION octeportal_notify_domain_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active THEN
    PERFORM pg_notify('octeportal_mailbox_change', 'd' || NEW.id::text);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Domain_notify_active_change"
  AFTER UPDATE OF active ON "Domain"
  FOR EACH ROW EXECUTE FUNCTION octeportal_notify_domain_change();

CREATE FUNCTION octeportal_notify_folder_modseq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('octeportal_folder_change', OLD.id::text || ':gone');
    RETURN OLD;
  END IF;
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    PERFORM pg_notify('octeportal_folder_change', NEW.id::text || ':gone');
  ELSIF NEW."highestModseq" IS DISTINCT FROM OLD."highestModseq" THEN
    PERFORM pg_notify('octeportal_folder_change', NEW.id::text || ':' || NEW."highestModseq"::text);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "MailFolder_notify_modseq"
  AFTER UPDATE OF "highestModseq", name OR DELETE ON "MailFolder"
  FOR EACH ROW EXECUTE FUNCTION octeportal_notify_folder_modseq();

-- The analyst role is read-only by its privileges alone. V2's session defaults
-- (default_transaction_read_only, statement_timeout) are conveniences the role can change itself
-- (SET, ALTER ROLE analyst SET ...): nothing below depends on them.

-- No attribute that lets a role do more than its grants.
ALTER ROLE analyst NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;

DO $$
DECLARE
    granted record;
BEGIN
    -- Member of no other role (pg_write_all_data, an application role...): its grants are its own.
    FOR granted IN SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                   WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = 'analyst') LOOP
        EXECUTE format('REVOKE %I FROM analyst', granted.rolname);
    END LOOP;
    -- Owns nothing here: an owner may alter, truncate or drop what it owns whatever its grants.
    IF EXISTS (SELECT 1 FROM pg_class WHERE relowner = 'analyst'::regrole)
       OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspowner = 'analyst'::regrole)
       OR EXISTS (SELECT 1 FROM pg_proc WHERE proowner = 'analyst'::regrole)
       OR EXISTS (SELECT 1 FROM pg_type WHERE typowner = 'analyst'::regrole) THEN
        EXECUTE 'REASSIGN OWNED BY analyst TO ' || quote_ident(current_user);
    END IF;
    -- No new schemas and no temporary tables in this database. The migrating role keeps TEMP
    -- explicitly, since PUBLIC no longer has it.
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC, analyst', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO analyst', current_database());
END
$$;

-- No new objects in the shared schema (PostgreSQL before 15 let PUBLIC create there).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM analyst;
GRANT USAGE ON SCHEMA public TO analyst;

-- SELECT and nothing else on every table and view, present and future.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO analyst;

-- The partition helper is the writer's, not the analysts': it creates tables.
REVOKE EXECUTE ON FUNCTION ensure_event_partition(timestamptz) FROM PUBLIC, analyst;

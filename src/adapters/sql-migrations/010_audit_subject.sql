-- The verification page of a revoked or suspended certificate shows since when, read from the
-- audit entries about that certificate (audit repository `forSubject`). Without an index that
-- read scans the whole audit log on every page view of such a certificate.
CREATE INDEX audit_log_subject ON audit_log(subject, seq);

-- The W3C traceparent of the request that submitted the job (NULL when tracing is off), so
-- the run that claims it later, on any replica, continues the submit's trace.
ALTER TABLE jobs ADD COLUMN traceparent text;

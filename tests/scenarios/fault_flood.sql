SELECT reason, drops FROM drops_by_reason;
SELECT 'maxrss under 512 MB', value < 512 * 1024 FROM wall WHERE key = 'maxrss_kb';

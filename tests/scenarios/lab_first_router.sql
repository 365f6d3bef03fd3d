.mode list
-- part 4, question 1: r1 drops the two TTL 1 requests in ip_forward()
-- (IP_INHDR) after sending time exceeded; question 2: r1, a host now,
-- drops the four echo requests (ping -w 4 keeps sending) in ip_error()
-- (IP_INADDRERRORS), sending nothing back
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;

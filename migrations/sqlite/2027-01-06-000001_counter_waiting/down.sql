DROP TABLE counter_tickets;
DROP TABLE counter_lines;

DROP TABLE counter_visits;

DROP TABLE refunds;
DROP TABLE payment_events;
DROP TABLE payments;

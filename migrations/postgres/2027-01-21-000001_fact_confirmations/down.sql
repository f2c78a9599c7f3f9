DROP TABLE fact_confirmations;

DROP TABLE filings_elsewhere;

DROP TABLE guest_emails;
DROP TABLE account_links;
DROP TABLE resident_accounts;

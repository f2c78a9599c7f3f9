DROP TABLE draft_links;

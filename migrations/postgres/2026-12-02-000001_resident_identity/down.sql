DROP TABLE resident_identities;
DROP TABLE resident_sign_ins;

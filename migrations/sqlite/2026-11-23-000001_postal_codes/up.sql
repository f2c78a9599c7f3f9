-- Japan Post postal codes (KEN_ALL), for filling addresses and routing by ward.
CREATE TABLE postal_codes (
    postal_code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    local_gov_code TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    city TEXT NOT NULL,
    town TEXT NOT NULL,
    prefecture_kana TEXT NOT NULL,
    city_kana TEXT NOT NULL,
    town_kana TEXT NOT NULL,
    PRIMARY KEY (postal_code, seq)
);

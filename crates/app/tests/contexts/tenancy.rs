//! The tenant registry: host names to municipalities, suspension, per-city logins and
//! settings.

use madoguchi_app::kernel::NewClerk;
use madoguchi_app::kernel::tenancy::{HostTenant, TenancyError, TenantSettings};
use madoguchi_core::{Localized, TenantId};
use madoguchi_testkit::{TestApp, db_test};
use madoguchi_workflow::Role;

db_test!(fn hosts_lead_to_their_city_and_unknown_hosts_nowhere(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let sendai = app.config().default_tenant.clone();
    // No host mapped: the configured city serves every host.
    assert_eq!(app.tenant_for_host("anything.example").unwrap(), HostTenant::Serve(sendai.clone()));

    let akita = Localized::new("秋田市", "Akita City");
    let wrong = app.add_tenant("052018", &akita, &TenantSettings::default()).unwrap();
    assert_eq!(wrong, Err(TenancyError::CheckDigit { expected: 9, given: 8 }));
    let pale = TenantSettings { accent: Some("#ffff00".into()), ..TenantSettings::default() };
    assert!(matches!(app.add_tenant("052019", &akita, &pale).unwrap(), Err(TenancyError::AccentContrast(_))));
    let settings = TenantSettings {
        public_url: Some("https://akita.example/".into()),
        mail_from: Some("秋田市 <no-reply@akita.example>".into()),
        ..TenantSettings::default()
    };
    let id = app.add_tenant("052019", &akita, &settings).unwrap().unwrap();
    assert_eq!(app.add_tenant("052019", &akita, &settings).unwrap(), Err(TenancyError::TenantExists("052019".into())));
    assert_eq!(app.add_tenant_host(&id, "Akita.Example:443").unwrap(), Ok("akita.example".into()));
    assert_eq!(app.add_tenant_host(&sendai, "akita.example").unwrap(), Err(TenancyError::HostTaken("akita.example".into())));
    app.add_tenant_host(&sendai, "sendai.example").unwrap().unwrap();

    // Hosts now decide; an unknown one is nobody's.
    assert_eq!(app.tenant_for_host("AKITA.example:8080").unwrap(), HostTenant::Serve(id.clone()));
    assert_eq!(app.tenant_for_host("sendai.example").unwrap(), HostTenant::Serve(sendai.clone()));
    assert_eq!(app.tenant_for_host("anything.example").unwrap(), HostTenant::Unknown);
    assert_eq!(app.public_url_of(&id), "https://akita.example");
    assert_eq!(app.mail_from_of(&id), "秋田市 <no-reply@akita.example>");
    assert_eq!(app.authority_of(&id).map(|a| a.ja), Some("秋田市長".into()));

    // Suspended: its hosts say so; resumed: served again.
    app.set_tenant_active(&id, false).unwrap().unwrap();
    assert_eq!(app.tenant_for_host("akita.example").unwrap(), HostTenant::Suspended(akita.clone()));
    app.set_tenant_active(&id, true).unwrap().unwrap();
    assert_eq!(app.tenant_for_host("akita.example").unwrap(), HostTenant::Serve(id.clone()));
    app.remove_tenant_host("akita.example").unwrap().unwrap();
    assert_eq!(app.tenant_for_host("akita.example").unwrap(), HostTenant::Unknown);
    assert_eq!(app.set_tenant_active(&TenantId::new("042064"), false).unwrap(), Err(TenancyError::NoSuchTenant("042064".into())));

    // Added with its hosts at once: a host another city has refuses the whole add, and
    // nothing of it is kept; with its own hosts it is served on them at once.
    let shiroishi = Localized::new("白石市", "Shiroishi City");
    let hosts = |h: &[&str]| h.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let taken = app.add_tenant_with_hosts("042064", &shiroishi, &TenantSettings::default(), &hosts(&["shiroishi.example", "Sendai.example"]));
    assert_eq!(taken.unwrap(), Err(TenancyError::HostTaken("sendai.example".into())));
    let malformed = app.add_tenant_with_hosts("042064", &shiroishi, &TenantSettings::default(), &hosts(&["shiro ishi"]));
    assert!(matches!(malformed.unwrap(), Err(TenancyError::HostFormat(_))));
    assert!(app.tenant(&TenantId::new("042064")).is_none(), "nothing of a refused add is kept");
    assert_eq!(app.tenant_for_host("shiroishi.example").unwrap(), HostTenant::Unknown);
    let id = app.add_tenant_with_hosts("042064", &shiroishi, &TenantSettings::default(), &hosts(&["shiroishi.example", "www.shiroishi.example"])).unwrap().unwrap();
    for host in ["shiroishi.example", "www.shiroishi.example"] {
        assert_eq!(app.tenant_for_host(host).unwrap(), HostTenant::Serve(id.clone()));
    }
});

db_test!(fn a_city_is_added_whole_or_not_at_all(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let name = Localized::new("白石市", "Shiroishi City");
    let mut org = madoguchi_app::operations::Municipality::from_json(&std::fs::read_to_string(madoguchi_testkit::defaults::municipality_file()).unwrap()).unwrap();
    org.tenant.id = TenantId::new("042064");
    org.tenant.name = name.clone();
    let hosts = vec!["shiroishi.example".to_string()];
    let checked = app.check_new_tenant("042064", &name, &TenantSettings::default(), &hosts).unwrap().unwrap();
    let admin = |department: &str| NewClerk {
        tenant: org.tenant.id.clone(),
        department_code: department.into(),
        ward_code: None,
        login: "admin@shiroishi.example".into(),
        display_name: "白石市 システム管理者".into(),
        password: madoguchi_app::kernel::new_token().unwrap(),
        role: Role::Administrator,
    };
    // Its administrator cannot be made (no such department): nothing of the city is kept.
    assert!(app.add_city(&checked, &org, &admin("no-such-section")).is_err());
    assert!(app.tenant(&org.tenant.id).is_none(), "no city");
    assert_ne!(app.tenant_for_host("shiroishi.example").unwrap(), HostTenant::Serve(org.tenant.id.clone()), "no host of its own");
    // Whole: served on its host, with its organisation, and its administrator signs in
    // with the generated password.
    let first = admin("digital");
    let id = app.add_city(&checked, &org, &first).unwrap().unwrap();
    assert_eq!(app.tenant_for_host("shiroishi.example").unwrap(), HostTenant::Serve(id.clone()));
    app.staff(&id).login("admin@shiroishi.example", &first.password, "192.0.2.7").expect("the generated password signs in");
    assert!(app.staff(&id).login("admin@shiroishi.example", "not the password", "192.0.2.7").is_err());
    assert_eq!(app.add_city(&checked, &org, &admin("digital")).unwrap(), Err(TenancyError::TenantExists("042064".into())));
});

db_test!(fn the_same_login_is_two_accounts_in_two_cities(db) {
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let app = &t.app;
    let sendai = app.config().default_tenant.clone();
    let akita = app.add_tenant("052019", &Localized::new("秋田市", "Akita City"), &TenantSettings::default()).unwrap().unwrap();
    let mut org = madoguchi_app::operations::Municipality::from_json(&std::fs::read_to_string(madoguchi_testkit::defaults::municipality_file()).unwrap()).unwrap();
    org.tenant.id = akita.clone();
    org.tenant.name = Localized::new("秋田市", "Akita City");
    app.apply_municipality(&org).unwrap();
    let new = |tenant: &TenantId, password: &str| NewClerk {
        tenant: tenant.clone(),
        department_code: "koseki-jumin".into(),
        ward_code: None,
        login: "same@city.example".into(),
        display_name: "同じ 名前".into(),
        password: password.into(),
        role: Role::Clerk,
    };
    app.create_clerk(&new(&sendai, "仙台市の職員がつかう長い合言葉です")).unwrap();
    app.create_clerk(&new(&akita, "秋田市の職員がつかう長い合言葉です")).unwrap();
    // Each city's password opens its own account only.
    assert_eq!(app.staff(&sendai).login("same@city.example", "仙台市の職員がつかう長い合言葉です", "127.0.0.1").unwrap().clerk.tenant, sendai);
    assert_eq!(app.staff(&akita).login("same@city.example", "秋田市の職員がつかう長い合言葉です", "127.0.0.1").unwrap().clerk.tenant, akita);
    assert!(app.staff(&akita).login("same@city.example", "仙台市の職員がつかう長い合言葉です", "127.0.0.1").is_err());
});

db_test!(fn another_node_reads_what_changed_in_the_registry(db) {
    // Two nodes on one database: what one adds, suspends or removes, the other serves
    // once it reads the registry again — only what changed, or all of it when a host was
    // removed (which leaves no stamp to find).
    let t = TestApp::builder().db(db).forms(["juminhyo-copy"]).build();
    let (one, other) = (&t.app, t.another_process());
    let sendai = one.config().default_tenant.clone();
    one.add_tenant_host(&sendai, "sendai.example").unwrap().unwrap();
    other.reload_tenants().unwrap();
    assert_eq!(other.tenant_for_host("sendai.example").unwrap(), HostTenant::Serve(sendai.clone()));
    let hosts = |h: &[&str]| h.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let akita = one.add_tenant_with_hosts("052019", &Localized::new("秋田市", "Akita City"), &TenantSettings::default(), &hosts(&["akita.example"])).unwrap().unwrap();
    let shiroishi = one.add_tenant_with_hosts("042064", &Localized::new("白石市", "Shiroishi City"), &TenantSettings::default(), &hosts(&["shiroishi.example"])).unwrap().unwrap();
    one.set_tenant_active(&akita, false).unwrap().unwrap();
    // The other node has not looked yet; when it does, it reads what changed.
    assert!(other.tenant(&shiroishi).is_none());
    other.catch_up_tenants().unwrap();
    assert_eq!(other.tenant_for_host("shiroishi.example").unwrap(), HostTenant::Serve(shiroishi.clone()));
    assert!(matches!(other.tenant_for_host("akita.example").unwrap(), HostTenant::Suspended(_)));
    assert_eq!(other.tenant_for_host("sendai.example").unwrap(), HostTenant::Serve(sendai.clone()), "what it had stays");
    // A host removed and another added: the other node is not left serving the old one.
    one.remove_tenant_host("shiroishi.example").unwrap().unwrap();
    one.add_tenant_host(&shiroishi, "www.shiroishi.example").unwrap().unwrap();
    other.catch_up_tenants().unwrap();
    assert_eq!(other.tenant_for_host("shiroishi.example").unwrap(), HostTenant::Unknown);
    assert_eq!(other.tenant_for_host("www.shiroishi.example").unwrap(), HostTenant::Serve(shiroishi.clone()));
});

//! The closed lists of the standard (publiccode.yml 0.7.0), verbatim.

/// `developmentStatus` values.
pub const DEVELOPMENT_STATUS: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];

/// `softwareType` values.
pub const SOFTWARE_TYPES: &[&str] = &[
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];

/// `maintenance.type` values.
pub const MAINTENANCE_TYPES: &[&str] = &["internal", "contract", "community", "none"];

/// Suggested `platforms` values (the list is open).
pub const PLATFORMS: &[&str] = &["web", "windows", "mac", "linux", "ios", "android"];

/// `IT.countryExtensionVersion` values (the standard says "1.0" since 0.3; "0.2" is older).
pub const IT_COUNTRY_EXTENSION_VERSIONS: &[&str] = &["0.2", "1.0"];

/// `categories` values (`categories-list.rst`, 106 values at 0.7).
pub const CATEGORIES: &[&str] = &[
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "integrated-library-system",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "regulations-and-directives",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "whistleblowing",
    "workflow-management",
    "other",
];

/// `intendedAudience.scope` values (`scope-list.rst`, 24 values).
pub const SCOPES: &[&str] = &[
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "government",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
];

/// `supports` aliases (`aliases-list.rst`): alias name and the resource it stands for.
pub const SUPPORTS_ALIASES: &[(&str, &str)] = &[
    ("gdpr", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
    ("eidas", "https://eur-lex.europa.eu/eli/reg/2014/910/oj"),
    ("nis2", "https://eur-lex.europa.eu/eli/dir/2022/2555/oj"),
    ("cra", "https://eur-lex.europa.eu/eli/reg/2024/2847/oj"),
    ("spid", "https://www.spid.gov.it/"),
    ("cie", "https://www.cartaidentita.interno.gov.it/"),
    ("anpr", "https://www.anpr.interno.it/"),
    ("pagopa", "https://www.pagopa.gov.it/"),
    ("io", "https://io.italia.it/"),
];

/// File extensions allowed for `logo` and `monochromeLogo`.
pub const LOGO_EXTENSIONS: &[&str] = &["svg", "svgz", "png"];

/// File extensions allowed for screenshots (the standard says PNG and JPG).
pub const SCREENSHOT_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg"];

/// Whether `value` is one of `list`.
pub fn contains(list: &[&str], value: &str) -> bool {
    list.contains(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(CATEGORIES.len(), 106);
        assert_eq!(SCOPES.len(), 24);
        assert_eq!(SUPPORTS_ALIASES.len(), 9);
    }
}

//! Where the two Nexudus API families live (§1 of the API notes): the admin API on
//! `https://spaces.nexudus.com` and the public (customer) API on
//! `https://{space}.spaces.nexudus.com`. One override (`FRONTDESK_NEXUDUS_URL`, or the app's
//! server setting) points both at a simulator or staging server.

use std::net::IpAddr;

use url::Url;

pub const DEFAULT_ADMIN_URL: &str = "https://spaces.nexudus.com";
pub const OVERRIDE_ENV: &str = "FRONTDESK_NEXUDUS_URL";
const SPACE_SUFFIX: &str = ".spaces.nexudus.com";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EndpointError {
    #[error("“{0}” is not a web address. Use a form like https://myspace.spaces.nexudus.com.")]
    Invalid(String),
    #[error("“{0}” does not use HTTPS. Only addresses on this computer (localhost) may use plain http://.")]
    NotHttps(String),
    #[error("“{0}” is the member portal, which does not serve the API. Use myspace.spaces.nexudus.com instead of myspace.nexudus.site.")]
    PortalHost(String),
    #[error(
        "“{0}” is not a space's web address. It looks like myspace or myspace.spaces.nexudus.com."
    )]
    BadSpace(String),
}

/// Base URLs for both API families. `public` is known once the member's space is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    pub admin: Url,
    pub public: Option<Url>,
}

impl Endpoints {
    /// Resolves the bases: an override serves both families; otherwise the admin API is
    /// Nexudus's and the public API is the member's space.
    pub fn resolve(override_url: Option<&str>, space: Option<&str>) -> Result<Self, EndpointError> {
        if let Some(raw) = override_url.map(str::trim).filter(|s| !s.is_empty()) {
            let base = parse_base(raw)?;
            return Ok(Endpoints {
                admin: base.clone(),
                public: Some(base),
            });
        }
        let admin = Url::parse(DEFAULT_ADMIN_URL)
            .map_err(|_| EndpointError::Invalid(DEFAULT_ADMIN_URL.into()))?;
        let public = space
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(space_url)
            .transpose()?;
        Ok(Endpoints { admin, public })
    }

    /// Reads the override from the environment (`FRONTDESK_NEXUDUS_URL`).
    pub fn from_env(space: Option<&str>) -> Result<Self, EndpointError> {
        let override_url = std::env::var(OVERRIDE_ENV).ok();
        Self::resolve(override_url.as_deref(), space)
    }

    /// Whether both families point at one server of our choosing (a simulator or staging).
    pub fn is_overridden(&self) -> bool {
        self.public.as_ref() == Some(&self.admin)
            && self.admin.as_str() != format!("{DEFAULT_ADMIN_URL}/")
    }
}

/// Parses a server base URL: HTTPS only, plain HTTP only for loopback, never the portal host.
pub fn parse_base(raw: &str) -> Result<Url, EndpointError> {
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|_| EndpointError::Invalid(raw.into()))?;
    let host = url
        .host_str()
        .ok_or_else(|| EndpointError::Invalid(raw.into()))?
        .to_ascii_lowercase();
    if host.ends_with(".nexudus.site") {
        return Err(EndpointError::PortalHost(raw.into()));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(EndpointError::NotHttps(raw.into())),
        _ => return Err(EndpointError::Invalid(raw.into())),
    }
    url.set_path("/");
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// Whether `host` names this computer (the one place plain http is allowed).
pub(crate) fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `myspace`, `myspace.spaces.nexudus.com` or `https://myspace.spaces.nexudus.com/` → the
/// space's public API base.
fn space_url(space: &str) -> Result<Url, EndpointError> {
    let lowered = space.to_ascii_lowercase();
    let host = lowered
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    if host.ends_with(".nexudus.site") {
        return Err(EndpointError::PortalHost(space.into()));
    }
    let slug = host.strip_suffix(SPACE_SUFFIX).unwrap_or(host);
    let valid = !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !slug.starts_with('-');
    if !valid {
        return Err(EndpointError::BadSpace(space.into()));
    }
    Url::parse(&format!("https://{slug}{SPACE_SUFFIX}/"))
        .map_err(|_| EndpointError::BadSpace(space.into()))
}

impl crate::l10n::Localize for EndpointError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        let (id, address) = match self {
            EndpointError::Invalid(address) => ("error-address-invalid", address),
            EndpointError::NotHttps(address) => ("error-address-not-https", address),
            EndpointError::PortalHost(address) => ("error-address-portal", address),
            EndpointError::BadSpace(address) => ("error-address-bad-space", address),
        };
        words.text(id, &[("address", crate::l10n::Arg::from(address))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_nexudus_hosts() {
        let endpoints = Endpoints::resolve(None, Some("myspace")).expect("valid");
        assert_eq!(endpoints.admin.as_str(), "https://spaces.nexudus.com/");
        assert_eq!(
            endpoints.public.map(String::from).as_deref(),
            Some("https://myspace.spaces.nexudus.com/")
        );
        let full =
            Endpoints::resolve(None, Some("https://MySpace.spaces.nexudus.com/")).expect("valid");
        assert_eq!(
            full.public.map(String::from).as_deref(),
            Some("https://myspace.spaces.nexudus.com/")
        );
    }

    #[test]
    fn override_serves_both_families() {
        let endpoints =
            Endpoints::resolve(Some("http://127.0.0.1:4010"), Some("ignored")).expect("valid");
        assert_eq!(endpoints.admin.as_str(), "http://127.0.0.1:4010/");
        assert_eq!(endpoints.public.as_ref(), Some(&endpoints.admin));
        assert!(endpoints.is_overridden());
    }

    #[test]
    fn plain_http_only_for_loopback() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.2:1",
            "http://[::1]:9",
        ] {
            assert!(parse_base(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            parse_base("http://staging.example.org"),
            Err(EndpointError::NotHttps("http://staging.example.org".into()))
        );
        assert!(parse_base("ftp://spaces.nexudus.com").is_err());
        assert!(parse_base("https://staging.example.org").is_ok());
    }

    #[test]
    fn portal_host_and_bad_spaces_are_refused_with_a_hint() {
        assert!(matches!(
            Endpoints::resolve(None, Some("myspace.nexudus.site")),
            Err(EndpointError::PortalHost(_))
        ));
        assert!(matches!(
            parse_base("https://myspace.nexudus.site"),
            Err(EndpointError::PortalHost(_))
        ));
        assert!(matches!(
            Endpoints::resolve(None, Some("my space")),
            Err(EndpointError::BadSpace(_))
        ));
        let message = EndpointError::NotHttps("http://x".into()).to_string();
        assert!(message.contains("HTTPS"));
    }
}

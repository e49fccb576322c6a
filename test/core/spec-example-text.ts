// The example of the language specification, section 1, shared by the parser and
// analysis tests (examples/acme.pexnet adds a comment of its own at the top).
export const SPEC_EXAMPLE = `# Acme: one internal site, one internet-facing edge location
deployment acme {
  version 36
  media-ports 40000-49999          # the defaults; both ranges are configurable
  signaling-ports 33000-39999
  enable sip-udp
}

zone corp     10.10.0.0/16
zone dmz      198.51.100.0/25
zone internet any                  # every address that no other zone holds

location oslo
location edge-lon { transcoding oslo  overflow oslo }

management  mgmt        { ip 10.10.1.5 }
transcoding conf-oslo-1 { ip 10.10.2.11  location oslo }
transcoding conf-oslo-2 { ip 10.10.2.12  location oslo }
proxying    edge-lon-1  { ip 198.51.100.11  location edge-lon }

dns       dns1  { ip 10.10.0.53 }
ntp       ntp1  { ip 10.10.0.123 }
licensing lic   { host activation.pexip.com }
admin     noc   { subnet 10.10.50.0/24 }
endpoints staff { subnet 10.10.128.0/17  location oslo }
endpoints guests { zone internet  location edge-lon }

firewall edge-fw {
  zones corp, dmz, internet
  allow ipsec between @pexip
  allow https from mgmt to lic
  allow tcp 443, 5061 from guests to @proxying
  allow tcp+udp media from guests to edge-lon-1
  allow tcp+udp any from edge-lon-1 to guests
}
`;

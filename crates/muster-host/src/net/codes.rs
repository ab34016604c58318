//! Join codes: one per team and per other role (evaluator, projector). A code grants exactly
//! one role; the facilitator can revoke it or issue a new one. The codes are kept beside the
//! exercise's journal, so teams rejoin a resumed exercise with the cards they were given.

pub use crate::sim::Role;

/// Letters and digits that cannot be misread on a printed card (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// 8 symbols of 31: about 8.5 × 10^11 codes, against a guesser slowed to a few tries a minute.
const CODE_LENGTH: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    pub role: Role,
    /// Written `ABCD-EFGH`; matched without the dash, spaces or case.
    pub code: String,
    pub revoked: bool,
}

/// Every role's code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codes {
    passes: Vec<Pass>,
}

/// A fresh code from the operating system's random source.
pub fn new_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    // Without a random source no code would be safe to hand out: this is not recoverable.
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    let symbols: String = bytes
        .iter()
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &symbols[..4], &symbols[4..])
}

/// A code as typed (lower case, spaces, with or without the dash) reduced to its symbols.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Codes {
    /// A code for each team, the evaluators and the projector.
    pub fn for_teams(teams: &[String]) -> Codes {
        let mut roles: Vec<Role> = teams.iter().map(|t| Role::Team(t.clone())).collect();
        roles.push(Role::Evaluator);
        roles.push(Role::Projector);
        Codes {
            passes: roles
                .into_iter()
                .map(|role| Pass {
                    role,
                    code: new_code(),
                    revoked: false,
                })
                .collect(),
        }
    }

    pub fn passes(&self) -> &[Pass] {
        &self.passes
    }

    /// The role a code grants; none for a wrong or revoked code.
    pub fn role_of(&self, code: &str) -> Option<&Role> {
        let typed = normalise(code);
        if typed.len() != CODE_LENGTH {
            return None;
        }
        self.passes
            .iter()
            .find(|p| !p.revoked && normalise(&p.code) == typed)
            .map(|p| &p.role)
    }

    /// Whether a code still grants its role (a connection checks this to learn it was revoked).
    pub fn grants(&self, code: &str, role: &Role) -> bool {
        self.role_of(code) == Some(role)
    }

    /// The role's code stops working; connections using it are closed by the host.
    pub fn revoke(&mut self, role: &Role) {
        for pass in self.passes.iter_mut().filter(|p| &p.role == role) {
            pass.revoked = true;
        }
    }

    /// A new code for the role (the old one stops working).
    pub fn reissue(&mut self, role: &Role) -> String {
        let code = new_code();
        match self.passes.iter_mut().find(|p| &p.role == role) {
            Some(pass) => {
                pass.code = code.clone();
                pass.revoked = false;
            }
            None => self.passes.push(Pass {
                role: role.clone(),
                code: code.clone(),
                revoked: false,
            }),
        }
        code
    }

    /// One line per role that can join: `ROLE<TAB>CODE<TAB>URL` (the URL opens the page with
    /// the code filled in), for printing and for scripts.
    pub fn to_tsv(&self, base_url: &str) -> String {
        self.passes
            .iter()
            .filter(|p| !p.revoked)
            .map(|p| format!("{}\t{}\t{}\n", p.role, p.code, join_url(base_url, &p.code)))
            .collect()
    }

    /// Reads a codes file written by `to_tsv` (the URL column is ignored). Teams of the scenario
    /// without a line get a new code; lines for roles the scenario does not have are reported.
    pub fn from_tsv(text: &str, teams: &[String]) -> Result<Codes, String> {
        let mut codes = Codes::default();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(key), Some(code)) = (fields.next(), fields.next()) else {
                return Err(format!("line {}: expected ROLE<TAB>CODE", number + 1));
            };
            let role = Role::from_key(key.trim(), teams)
                .ok_or_else(|| format!("line {}: no role `{}` here", number + 1, key.trim()))?;
            if normalise(code).len() != CODE_LENGTH {
                return Err(format!(
                    "line {}: `{}` is not a join code",
                    number + 1,
                    code
                ));
            }
            codes.passes.retain(|p| p.role != role);
            codes.passes.push(Pass {
                role,
                code: code.trim().to_string(),
                revoked: false,
            });
        }
        let known: Vec<Role> = codes.passes.iter().map(|p| p.role.clone()).collect();
        let missing: Vec<Role> = teams
            .iter()
            .map(|t| Role::Team(t.clone()))
            .chain([Role::Evaluator, Role::Projector])
            .filter(|r| !known.contains(r))
            .collect();
        for role in missing {
            codes.reissue(&role);
        }
        Ok(codes)
    }
}

/// The link on a join card: opens the page with the code already entered.
pub fn join_url(base_url: &str, code: &str) -> String {
    format!(
        "{}/join/{}",
        base_url.trim_end_matches('/'),
        normalise(code)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn teams() -> Vec<String> {
        vec!["health".to_string(), "police".to_string()]
    }

    #[test]
    fn each_role_has_its_own_code_and_a_code_grants_only_its_role() {
        let codes = Codes::for_teams(&teams());
        assert_eq!(codes.passes().len(), 4);
        for pass in codes.passes() {
            assert_eq!(codes.role_of(&pass.code), Some(&pass.role));
            // As a person types it from a card.
            let typed = pass.code.to_lowercase().replace('-', " ");
            assert_eq!(codes.role_of(&typed), Some(&pass.role));
        }
        let mut distinct: Vec<_> = codes.passes().iter().map(|p| &p.code).collect();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
        assert_eq!(codes.role_of("AAAA-AAAA"), None);
        assert_eq!(codes.role_of(""), None);
        let health = &codes.passes()[0].code;
        assert_eq!(codes.role_of(&format!("{health}A")), None, "a longer code");
    }

    #[test]
    fn codes_use_only_unambiguous_symbols() {
        for _ in 0..200 {
            let code = new_code();
            assert_eq!(code.len(), 9);
            assert_eq!(&code[4..5], "-");
            assert!(
                normalise(&code)
                    .bytes()
                    .all(|b| CODE_ALPHABET.contains(&b) && !b"01OIL".contains(&b))
            );
        }
    }

    #[test]
    fn a_revoked_code_stops_working_and_a_reissued_one_replaces_it() {
        let mut codes = Codes::for_teams(&teams());
        let police = Role::Team("police".into());
        let old = codes.passes()[1].code.clone();
        codes.revoke(&police);
        assert_eq!(codes.role_of(&old), None);
        assert!(!codes.to_tsv("http://h:1").contains("police"));
        let new = codes.reissue(&police);
        assert_ne!(new, old);
        assert_eq!(codes.role_of(&new), Some(&police));
        assert_eq!(codes.role_of(&old), None);
        assert!(codes.grants(&new, &police));
        assert!(!codes.grants(&new, &Role::Evaluator));
    }

    #[test]
    fn the_codes_file_reads_back_and_gives_new_teams_a_code() {
        let codes = Codes::for_teams(&teams());
        let tsv = codes.to_tsv("http://192.168.1.5:7878/");
        let first = tsv.lines().next().unwrap();
        let fields: Vec<_> = first.split('\t').collect();
        assert_eq!(fields[0], "health");
        assert_eq!(
            fields[2],
            format!("http://192.168.1.5:7878/join/{}", normalise(fields[1]))
        );
        assert_eq!(Codes::from_tsv(&tsv, &teams()).unwrap(), codes);
        let mut more = teams();
        more.push("transport".into());
        let read = Codes::from_tsv(&tsv, &more).unwrap();
        assert_eq!(read.passes().len(), 5);
        assert!(read.role_of(&codes.passes()[0].code).is_some());
        let err = Codes::from_tsv("fire\tABCD-EFGH\n", &teams()).unwrap_err();
        assert!(err.contains("line 1") && err.contains("fire"), "{err}");
        let err = Codes::from_tsv("health\tABC\n", &teams()).unwrap_err();
        assert!(err.contains("not a join code"), "{err}");
    }
}

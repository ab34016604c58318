//! Whether a report is true. China's rules for public-health emergencies forbid failing to
//! report, concealing and omitting (不报、瞒报、漏报: Regulations on Preparedness for and
//! Response to Public Health Emergencies, 2003, art. 21), so the figures a report states are
//! checked against the city's own count: infections found (confirmed cases and asymptomatic
//! infections), deaths, and patients in hospital.
//!
//! Counts move while a report is written, so a figure is true anywhere between the count when
//! the latest report it answers fell due and the count when it was filed, give or take
//! `SLACK_SHARE` of the count or `SLACK_PEOPLE`, whichever is more. A figure outside that is
//! false: below it concealed (瞒报), above it inflated (谎报). A false report earns no credit
//! for being on time (`scoring::metrics`, `ReportsOnTime`). A report that states no figures is
//! judged on time only: there is nothing in it to check.

use serde::Serialize;

use super::command::ReportedFigures;
use super::{DistrictSample, Exercise};

/// Share of the count a stated figure may be off by and still be true: counts reach the
/// reporting agency by telephone and spreadsheet through the day. A convention, not a finding.
pub const SLACK_SHARE: f64 = 0.1;
/// People a stated figure may be off by when the count is small (a tenth of 12 is one person).
pub const SLACK_PEOPLE: f64 = 2.0;

/// What the city counts at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Counts {
    pub found: f64,
    pub deaths: f64,
    pub in_hospital: f64,
}

/// A figure a report may state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Found,
    Deaths,
    InHospital,
}

/// A figure a report stated that the city's count contradicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseFigure {
    pub figure: Figure,
    pub said: u32,
    /// The count when the report was filed.
    pub counted: u32,
}

impl Figure {
    pub fn words(self, lang: crate::i18n::Language) -> String {
        match self {
            Figure::Found => crate::tr!(lang, "figure-found"),
            Figure::Deaths => crate::tr!(lang, "figure-deaths"),
            Figure::InHospital => crate::tr!(lang, "figure-in-hospital"),
        }
    }
}

impl FalseFigure {
    /// Whether the report said fewer than were counted (concealment) rather than more.
    pub fn concealed(&self) -> bool {
        self.said < self.counted
    }

    /// What was false, in words ("said 1 for infections found when 12 were counted: concealed").
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        crate::tr!(
            lang,
            "report-false-figure",
            said = self.said,
            counted = self.counted,
            figure = self.figure.words(lang),
            concealed = if self.concealed() { "yes" } else { "no" }
        )
    }
}

impl Counts {
    /// The city's counts: the sum of its places' (found, deaths, in hospital).
    fn sum(places: impl IntoIterator<Item = (f64, f64, f64)>) -> Counts {
        let mut counts = Counts {
            found: 0.0,
            deaths: 0.0,
            in_hospital: 0.0,
        };
        for (found, deaths, in_hospital) in places {
            counts.found += found;
            counts.deaths += deaths;
            counts.in_hospital += in_hospital;
        }
        counts
    }

    fn of<'a>(places: impl IntoIterator<Item = &'a DistrictSample>) -> Counts {
        Counts::sum(
            places
                .into_iter()
                .map(|p| (p.confirmed, p.d, p.hospitalised)),
        )
    }

    pub fn get(&self, figure: Figure) -> f64 {
        match figure {
            Figure::Found => self.found,
            Figure::Deaths => self.deaths,
            Figure::InHospital => self.in_hospital,
        }
    }

    /// The counts as whole people, the figures a true report states.
    pub fn as_figures(&self) -> ReportedFigures {
        let whole = |n: f64| Some(n.max(0.0).round() as u32);
        ReportedFigures {
            found: whole(self.found),
            deaths: whole(self.deaths),
            in_hospital: whole(self.in_hospital),
        }
    }
}

impl Exercise {
    /// What the city counts now.
    pub fn counts_now(&self) -> Counts {
        Counts::sum(
            self.districts
                .iter()
                .map(|p| (p.confirmed, p.epi.d, p.epi.hospitalised())),
        )
    }

    /// What the city counted at a minute: its last sample by then (now, when none is older).
    fn counts_at(&self, minute: u32) -> Counts {
        let taken = self.series.partition_point(|s| s.t <= minute);
        match taken.checked_sub(1) {
            Some(k) => Counts::of(&self.series[k].districts),
            None => self.counts_now(),
        }
    }

    /// The first figure of a report that lies outside what the city counted between `since`
    /// and now (with the slack in the module documentation); none when every figure is true.
    pub(crate) fn false_figure(&self, stated: &ReportedFigures, since: u32) -> Option<FalseFigure> {
        let (then, now) = (self.counts_at(since), self.counts_now());
        [
            (Figure::Found, stated.found),
            (Figure::Deaths, stated.deaths),
            (Figure::InHospital, stated.in_hospital),
        ]
        .into_iter()
        .find_map(|(figure, said)| {
            let said = said?;
            let (a, b) = (then.get(figure), now.get(figure));
            let (low, high) = (a.min(b), a.max(b));
            let slack = (high * SLACK_SHARE).max(SLACK_PEOPLE);
            let value = f64::from(said);
            (value < low - slack || value > high + slack).then(|| FalseFigure {
                figure,
                said,
                counted: now.get(figure).max(0.0).round() as u32,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    const OUTBREAK: &str = "scenario.initial_cases: [(district: \"north\", count: 200)]";

    /// Each figure reads as itself, in both languages.
    #[test]
    fn each_figure_has_its_words() {
        for lang in [crate::i18n::Language::En, crate::i18n::Language::Zh] {
            let mut words: Vec<String> = [Figure::Found, Figure::Deaths, Figure::InHospital]
                .into_iter()
                .map(|f| f.words(lang))
                .collect();
            assert!(words.iter().all(|w| !w.is_empty()));
            words.dedup();
            assert_eq!(words.len(), 3);
        }
    }

    fn figures(found: u32) -> ReportedFigures {
        ReportedFigures {
            found: Some(found),
            deaths: None,
            in_hospital: None,
        }
    }

    /// The count, give or take a tenth (or two people), is true; half of it is concealment,
    /// double it inflation; a figure left out is not checked.
    #[test]
    fn a_figure_is_true_within_the_slack_of_the_count() {
        let mut ex = small(Mode::Expected, OUTBREAK);
        ex.advance(3 * 24 * 60);
        let found = ex.counts_now().found;
        assert!(found > 40.0, "{found}");
        let now = ex.now();
        assert_eq!(ex.false_figure(&figures(found.round() as u32), now), None);
        assert_eq!(ex.false_figure(&figures((found * 1.08) as u32), now), None);
        let concealed = ex
            .false_figure(&figures((found * 0.5) as u32), now)
            .expect("half the count is false");
        assert!(concealed.concealed() && concealed.figure == Figure::Found);
        assert_eq!(concealed.counted, found.round() as u32);
        let inflated = ex
            .false_figure(&figures((found * 2.0) as u32), now)
            .unwrap();
        assert!(!inflated.concealed());
        let silent = ReportedFigures {
            found: None,
            deaths: None,
            in_hospital: None,
        };
        assert_eq!(ex.false_figure(&silent, now), None);
        // A report answering a report due a day ago may state the count of then.
        let then = ex.counts_at(now - 24 * 60).found;
        assert!(then < found * 0.8, "{then} {found}");
        assert_eq!(ex.false_figure(&figures(then as u32), now - 24 * 60), None);
        assert!(ex.false_figure(&figures(then as u32), now).is_some());
    }

    /// A sample's counts are the city's counts at that moment: every figure, deaths and
    /// patients in hospital as well as infections found.
    #[test]
    fn the_count_of_a_sample_is_the_count_of_its_moment() {
        let mut ex = small(
            Mode::Expected,
            &format!("{OUTBREAK}\npathogen.hospitalisation_rate: 0.5\npathogen.fatality_rate: 0.5"),
        );
        ex.advance(12 * 24 * 60);
        let (sampled, now) = (ex.counts_at(ex.now()), ex.counts_now());
        assert!(now.deaths > 1.0 && now.in_hospital > 1.0, "{now:?}");
        for figure in [Figure::Found, Figure::Deaths, Figure::InHospital] {
            assert!(
                (sampled.get(figure) - now.get(figure)).abs() < 1e-6,
                "{figure:?}: {sampled:?} against {now:?}"
            );
        }
    }

    /// Filed through the command: a true report answers what was due with no falsehood, a
    /// concealing one is filed false, and the filing says which figure.
    #[test]
    fn a_report_that_conceals_is_filed_false() {
        let mut ex = small(Mode::Expected, OUTBREAK);
        let filed_now = |ex: &crate::sim::Exercise| -> Vec<Option<FalseFigure>> {
            ex.reports()
                .iter()
                .filter(|r| r.filed_at == Some(ex.now()))
                .map(|r| r.untrue.clone())
                .collect()
        };
        let report = |found: u32| {
            command(&format!(
                r#"Report(team: "health-team", from: "health", to: "police", figures: (found: {found}))"#
            ))
        };
        ex.advance(2 * 24 * 60);
        let counted = ex.counts_now().as_figures().found.unwrap();
        ex.apply(report(counted)).unwrap();
        let answered = filed_now(&ex);
        assert!(
            !answered.is_empty() && answered.iter().all(Option::is_none),
            "{answered:?}"
        );
        ex.advance(24 * 60);
        let false_one = report(1);
        let line = false_one.to_ron();
        assert!(line.contains("figures:(found:1)"), "{line}");
        assert_eq!(
            command(&line),
            false_one,
            "the journal keeps what was stated"
        );
        ex.apply(false_one).unwrap();
        let answered = filed_now(&ex);
        assert!(!answered.is_empty(), "a case report was due");
        for untrue in &answered {
            let untrue = untrue.as_ref().expect("concealed");
            assert_eq!((untrue.figure, untrue.said), (Figure::Found, 1));
            assert!(untrue.concealed());
        }
        let filed = ex
            .events()
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                crate::sim::EventKind::ReportFiled { untrue, .. } => Some(untrue.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(filed, answered[0]);
    }
}

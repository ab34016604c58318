//! The figures of a run that can be set beside observed data, at any minute of the run: counts
//! (cumulative infections, confirmed cases and deaths; people in hospital, isolation and
//! quarantine now) for the whole city or for some of its districts and places, and a part's
//! share of the city's count. `sweep` gives their daily quantiles over seeds, `compare` puts
//! each observation against them.
//!
//! A district stands for itself and the places with people inside it, as every view that
//! shows districts folds them (`Exercise::district_and_places`); a place named alone stands
//! for its own people. Confirmed cases count on the day they are confirmed: that is the day a
//! bulletin that reports by the date of the result (China's in 2022) puts them in.

use serde::Serialize;

use crate::sim::{DistrictSample, Exercise, Sample};

/// A count the engine keeps for every district and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    Infections,
    Confirmed,
    /// Confirmed cases as the public bulletin counts them (`report_lag` after confirmation).
    Reported,
    /// Confirmed without symptoms (无症状感染者), cumulative by the date of the result.
    Asymptomatic,
    /// Asymptomatic infections that fell ill since (转为确诊), cumulative.
    Converted,
    /// Confirmed cases as a bulletin counts them (确诊病例): those with symptoms when
    /// confirmed, and conversions.
    ConfirmedCases,
    Deaths,
    Hospitalised,
    Isolated,
    Quarantined,
}

impl Count {
    pub const ALL: [Count; 10] = [
        Count::Infections,
        Count::Confirmed,
        Count::Reported,
        Count::Asymptomatic,
        Count::Converted,
        Count::ConfirmedCases,
        Count::Deaths,
        Count::Hospitalised,
        Count::Isolated,
        Count::Quarantined,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Count::Infections => "infections",
            Count::Confirmed => "confirmed",
            Count::Reported => "reported",
            Count::Asymptomatic => "asymptomatic",
            Count::Converted => "converted",
            Count::ConfirmedCases => "confirmed_cases",
            Count::Deaths => "deaths",
            Count::Hospitalised => "hospitalised",
            Count::Isolated => "isolated",
            Count::Quarantined => "quarantined",
        }
    }

    /// Cumulative counts can be shared out between districts meaningfully.
    pub fn is_cumulative(self) -> bool {
        matches!(
            self,
            Count::Infections
                | Count::Confirmed
                | Count::Reported
                | Count::Asymptomatic
                | Count::Converted
                | Count::ConfirmedCases
                | Count::Deaths
        )
    }

    fn of(self, sample: &DistrictSample) -> f64 {
        match self {
            Count::Infections => sample.infections,
            Count::Confirmed => sample.confirmed,
            Count::Reported => sample.reported,
            Count::Asymptomatic => sample.asymptomatic,
            Count::Converted => sample.converted,
            Count::ConfirmedCases => sample.confirmed - sample.asymptomatic + sample.converted,
            Count::Deaths => sample.d,
            Count::Hospitalised => sample.hospitalised,
            Count::Isolated => sample.isolated,
            Count::Quarantined => sample.quarantined,
        }
    }
}

/// A series: a count, or the share of the city's count that some districts hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Count(Count),
    Share(Count),
}

/// The suffix that makes a count's name a share's.
const SHARE_SUFFIX: &str = "_share";

impl Series {
    /// Every series, counts first.
    pub fn all() -> impl Iterator<Item = Series> {
        Count::ALL.into_iter().map(Series::Count).chain(
            Count::ALL
                .into_iter()
                .filter(|c| c.is_cumulative())
                .map(Series::Share),
        )
    }

    pub fn name(self) -> String {
        match self {
            Series::Count(count) => count.name().to_string(),
            Series::Share(count) => format!("{}{SHARE_SUFFIX}", count.name()),
        }
    }

    pub fn parse(text: &str) -> Option<Series> {
        let text = text.trim();
        Series::all().find(|s| s.name() == text)
    }

    /// The series as people read it, in a language.
    pub fn label(self, lang: crate::i18n::Language) -> String {
        let count = |count: Count| match count {
            Count::Infections => crate::tr!(lang, "series-infections"),
            Count::Confirmed => crate::tr!(lang, "series-confirmed"),
            Count::Reported => crate::tr!(lang, "series-reported"),
            Count::Asymptomatic => crate::tr!(lang, "series-asymptomatic"),
            Count::Converted => crate::tr!(lang, "series-converted"),
            Count::ConfirmedCases => crate::tr!(lang, "series-confirmed-cases"),
            Count::Deaths => crate::tr!(lang, "series-deaths"),
            Count::Hospitalised => crate::tr!(lang, "series-hospitalised"),
            Count::Isolated => crate::tr!(lang, "series-isolated"),
            Count::Quarantined => crate::tr!(lang, "series-quarantined"),
        };
        match self {
            Series::Count(c) => count(c),
            Series::Share(c) => crate::tr!(lang, "series-share", series = count(c)),
        }
    }

    pub fn is_share(self) -> bool {
        matches!(self, Series::Share(_))
    }

    /// The value at the last sample taken at or before `minute`, for the nodes given (all of
    /// them for the city). None before the first sample, or for a share of nothing yet.
    pub fn at(self, samples: &[Sample], minute: u32, nodes: Option<&[usize]>) -> Option<f64> {
        let taken = samples.partition_point(|s| s.t <= minute);
        let sample = samples.get(taken.checked_sub(1)?)?;
        let sum = |count: Count, nodes: Option<&[usize]>| -> f64 {
            match nodes {
                Some(nodes) => nodes
                    .iter()
                    .filter_map(|&n| sample.districts.get(n))
                    .map(|d| count.of(d))
                    .sum(),
                None => sample.districts.iter().map(|d| count.of(d)).sum(),
            }
        };
        match self {
            Series::Count(count) => Some(sum(count, nodes)),
            Series::Share(count) => {
                let city = sum(count, None);
                (city > 0.0).then(|| sum(count, nodes) / city)
            }
        }
    }
}

/// Some districts or places of a scenario, as written (`jinnan`, or `a+b` for several), and
/// the engine's populations they stand for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    pub text: String,
    /// The names of the districts and places, as people read them (`津南区 + 滨海新区`).
    pub name: String,
    #[serde(skip)]
    pub nodes: Vec<usize>,
}

impl Area {
    /// Resolves `a+b+…`; `Err` names the first id the exercise does not know.
    pub fn resolve(exercise: &Exercise, text: &str) -> Result<Area, String> {
        let mut nodes = Vec::new();
        let mut names = Vec::new();
        for id in text.split('+').map(str::trim) {
            let Some(node) = exercise.nodes().iter().position(|n| n.id == id) else {
                return Err(id.to_string());
            };
            names.push(exercise.nodes()[node].name.clone());
            let folded: Vec<usize> = if node < exercise.district_count() {
                exercise.district_and_places(node).collect()
            } else {
                vec![node]
            };
            for n in folded {
                if !nodes.contains(&n) {
                    nodes.push(n);
                }
            }
        }
        Ok(Area {
            text: text.trim().to_string(),
            name: names.join(" + "),
            nodes,
        })
    }

    /// Every district of the exercise, each with its places.
    pub fn districts(exercise: &Exercise) -> Vec<Area> {
        (0..exercise.district_count())
            .map(|d| Area {
                text: exercise.nodes()[d].id.clone(),
                name: exercise.nodes()[d].name.clone(),
                nodes: exercise.district_and_places(d).collect(),
            })
            .collect()
    }
}

/// The ids a scenario's series can name: districts, then places with people.
pub fn area_ids(exercise: &Exercise) -> impl Iterator<Item = &str> {
    exercise.nodes().iter().map(|n| n.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use std::sync::Arc;

    #[test]
    fn names_read_back_and_shares_exist_only_for_cumulative_counts() {
        for series in Series::all() {
            assert_eq!(Series::parse(&series.name()), Some(series));
        }
        assert_eq!(
            Series::parse(" confirmed_share "),
            Some(Series::Share(Count::Confirmed))
        );
        assert_eq!(Series::parse("hospitalised_share"), None);
        assert_eq!(Series::parse("cases"), None);
    }

    #[test]
    fn a_series_reads_the_last_sample_at_or_before_the_minute_and_shares_divide_by_the_city() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let mut exercise = Exercise::new(scenario, 3, Mode::Expected);
        exercise.advance_to(3 * 1440);
        let samples = exercise.series();
        let step = samples[1].t - samples[0].t;
        let last = samples.last().unwrap();
        let city: f64 = last.districts.iter().map(|d| d.infections).sum();
        let infections = Series::Count(Count::Infections);
        assert_eq!(infections.at(samples, last.t, None), Some(city));
        // Between two samples the earlier one holds.
        let mid = samples[samples.len() - 2].t + step / 2;
        let earlier: f64 = samples[samples.len() - 2]
            .districts
            .iter()
            .map(|d| d.infections)
            .sum();
        assert_eq!(infections.at(samples, mid, None), Some(earlier));
        assert!(earlier < city, "the outbreak grows: {earlier} then {city}");
        let areas = Area::districts(&exercise);
        let first = &areas[0];
        let part = infections.at(samples, last.t, Some(&first.nodes)).unwrap();
        let share = Series::Share(Count::Infections)
            .at(samples, last.t, Some(&first.nodes))
            .unwrap();
        assert!((share - part / city).abs() < 1e-12);
        let all: Vec<usize> = areas.iter().flat_map(|a| a.nodes.clone()).collect();
        let whole = Series::Share(Count::Infections).at(samples, last.t, Some(&all));
        assert!((whole.unwrap() - 1.0).abs() < 1e-12, "{whole:?}");
    }

    #[test]
    fn an_area_joins_districts_with_plus_and_names_what_it_does_not_know() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let exercise = Exercise::new(scenario, 1, Mode::Expected);
        let ids: Vec<String> = area_ids(&exercise).take(2).map(String::from).collect();
        let both = Area::resolve(&exercise, &format!("{} + {}", ids[0], ids[1])).unwrap();
        let first = Area::resolve(&exercise, &ids[0]).unwrap();
        let second = Area::resolve(&exercise, &ids[1]).unwrap();
        assert_eq!(both.nodes.len(), first.nodes.len() + second.nodes.len());
        assert_eq!(
            Area::resolve(&exercise, &format!("{}+nowhere", ids[0])),
            Err("nowhere".to_string())
        );
    }
}

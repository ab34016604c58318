//! How a bulletin classes the cases it reports (China's protocol in 2022): a case confirmed
//! with symptoms is a confirmed case (确诊病例), one confirmed without symptoms an asymptomatic
//! infection (无症状感染者); when an asymptomatic infection develops symptoms it is converted
//! (转为确诊) and counted among the confirmed cases again on that day. So the infections found
//! = confirmed cases + asymptomatic infections − conversions (Tianjin, 8 January – 7 February
//! 2022: 424 + 22 − 16 = 430; `scenarios/observed/tianjin-2022.md`).
//!
//! Who converts: people confirmed while still latent fall ill with the pathogen's symptomatic
//! share (1 − `asymptomatic_share`), after the rest of their latent period, exponential with
//! mean `latent_days` in the model. People confirmed while infectious without symptoms never
//! convert: the model's asymptomatic have none. Conversions are expected values, drawn from no
//! random stream.

use super::Exercise;

impl Exercise {
    /// Cases confirmed in a district: without symptoms, they are asymptomatic infections.
    pub(crate) fn class_confirmed(&mut self, d: usize, cases: f64, symptomatic: bool) {
        if !symptomatic {
            self.districts[d].asymptomatic_confirmed += cases;
        }
    }

    /// People confirmed while latent: some of them will fall ill and be converted.
    pub(crate) fn expect_symptoms(&mut self, d: usize, latent_confirmed: f64) {
        let will_fall_ill = 1.0 - self.scenario.pathogen.asymptomatic_share.get();
        self.districts[d].awaiting_symptoms += latent_confirmed * will_fall_ill;
    }

    /// Confirmed latent people fall ill over `dt` days: their classification converts.
    pub(crate) fn convert_asymptomatic(&mut self, dt: f64) {
        let falling_ill = 1.0 - (-dt / self.scenario.pathogen.latent_days.get()).exp();
        for district in &mut self.districts {
            if district.awaiting_symptoms <= 0.0 {
                continue;
            }
            let converted = (district.awaiting_symptoms * falling_ill)
                .min(district.asymptomatic_confirmed - district.converted)
                .max(0.0);
            district.awaiting_symptoms -= converted;
            district.converted += converted;
            if district.awaiting_symptoms < 1e-9 {
                district.awaiting_symptoms = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    /// 100 people found latent by a swab: 100 asymptomatic infections; 60% will fall ill (the
    /// small scenario's asymptomatic share is 40%), over the latent period of 4 days: after
    /// one day 60 × (1 − e^(−1/4)) = 13.3 are converted, after many all 60.
    #[test]
    fn latent_people_confirmed_without_symptoms_convert_when_they_fall_ill() {
        let mut ex = small(Mode::Expected, "");
        let epi = &mut ex.districts[0].epi;
        epi.e = crate::sim::Infected::new_at(100.0, 0.0);
        epi.s -= 100.0;
        let whole_latent_period = crate::sim::pcr::PcrWindow {
            latent_share: 1.0,
            shedding_days: 0.0,
        };
        ex.positive_swabs(0, 100.0, whole_latent_period);
        let district = &ex.districts[0];
        assert!((district.asymptomatic_confirmed - 100.0).abs() < 1e-9);
        assert!((district.awaiting_symptoms - 60.0).abs() < 1e-9);
        ex.convert_asymptomatic(1.0);
        let converted = ex.districts[0].converted;
        assert!((converted - 60.0 * (1.0 - (-0.25_f64).exp())).abs() < 1e-9);
        assert!((converted - 13.3).abs() < 0.05);
        for _ in 0..200 {
            ex.convert_asymptomatic(1.0);
        }
        assert!((ex.districts[0].converted - 60.0).abs() < 1e-6);
    }

    /// No more conversions than asymptomatic infections: those a concealing office kept off
    /// the books fall ill unseen.
    #[test]
    fn conversions_never_outnumber_the_asymptomatic_confirmed() {
        let mut ex = small(Mode::Expected, "");
        let district = &mut ex.districts[0];
        district.asymptomatic_confirmed = 10.0;
        district.awaiting_symptoms = 50.0;
        for _ in 0..100 {
            ex.convert_asymptomatic(1.0);
        }
        assert!((ex.districts[0].converted - 10.0).abs() < 1e-9);
    }

    /// Infectious people without symptoms are asymptomatic infections for good.
    #[test]
    fn the_asymptomatic_found_infectious_never_convert() {
        let mut ex = small(Mode::Expected, "");
        let epi = &mut ex.districts[0].epi;
        epi.a = crate::sim::Infected::new_at(50.0, 0.0);
        epi.s -= 50.0;
        ex.positive_swabs(0, 50.0, ex.derived.pcr);
        ex.convert_asymptomatic(30.0);
        let district = &ex.districts[0];
        assert!((district.asymptomatic_confirmed - 50.0).abs() < 1e-9);
        assert_eq!(district.converted, 0.0);
    }
}

//! When customers arrive: the scenario's arrival plan turned into a list of arrivals in time
//! order.

use rand::SeedableRng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand_chacha::ChaCha8Rng;
use rand_distr::Poisson;

use crate::scenario::{Arrivals, Scenario, TemplateId};

use super::time::{Beat, Metre};

/// One customer's arrival: when, and with which kind of request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedArrival {
    /// When the customer arrives.
    pub at: Beat,
    /// The case template of its request.
    pub template: TemplateId,
}

/// The arrivals of one performance, in time order. Several arrivals in one bar come on its
/// successive beats: the first on the bar's first beat. Random arrivals bring the first customer
/// in `from_bar` or the bar after it, however low `per_bar` is.
pub fn plan_arrivals(s: &Scenario, seed: u64) -> Vec<PlannedArrival> {
    let metre = Metre {
        beats_per_bar: s.beats_per_bar,
    };
    let mut out = Vec::new();
    match &s.arrivals {
        Arrivals::Random {
            per_bar, from_bar, ..
        } => {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let weights = s.cases.iter().map(|c| c.weight.max(0.0));
            let (Ok(pick), Ok(count)) = (WeightedIndex::new(weights), Poisson::new(*per_bar))
            else {
                return out;
            };
            let until = s.arrivals_until();
            // The stage is never empty for long: the first customer comes within two bars.
            let first_by = (*from_bar + 1).min(until);
            for bar in *from_bar..=until {
                let n: f64 = count.sample(&mut rng);
                let mut n = (n as u32).min(s.beats_per_bar);
                if bar == first_by && out.is_empty() {
                    n = n.max(1);
                }
                for i in 0..n {
                    out.push(PlannedArrival {
                        at: metre.bar_start(bar) + Beat(f64::from(i)),
                        template: TemplateId(pick.sample(&mut rng)),
                    });
                }
            }
        }
        Arrivals::Scripted(list) => {
            let mut list: Vec<_> = list.iter().collect();
            list.sort_by_key(|a| a.bar);
            let mut last_bar = 0;
            let mut in_bar = 0;
            for a in list {
                in_bar = if a.bar == last_bar { in_bar + 1 } else { 0 };
                last_bar = a.bar;
                out.push(PlannedArrival {
                    at: metre.bar_start(a.bar) + Beat(f64::from(in_bar)),
                    template: a.template,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scenario with customers rarer than one in twenty bars, from bar 3.
    fn rare() -> Scenario {
        let text = r#"Scenario(
            title: "rare",
            tempo_bpm: 100,
            beats_per_bar: 4,
            length_bars: 60,
            departments: [Department(id: "a")],
            cases: [Case(id: "one", steps: [Note(by: "a")])],
            arrivals: Random(per_bar: 0.04, from_bar: 3),
        )"#;
        crate::scenario::load_str("rare.ron", text).unwrap()
    }

    #[test]
    fn the_first_random_customer_comes_within_two_bars_of_from_bar() {
        let s = rare();
        let metre = Metre {
            beats_per_bar: s.beats_per_bar,
        };
        for seed in 0..50 {
            let first = plan_arrivals(&s, seed)[0];
            let bar = metre.bar_of(first.at);
            assert!(
                (3..=4).contains(&bar),
                "seed {seed}: first customer in bar {bar}"
            );
        }
    }

    #[test]
    fn arrivals_are_the_same_for_the_same_seed() {
        let s = rare();
        assert_eq!(plan_arrivals(&s, 7), plan_arrivals(&s, 7));
    }
}

fn main() {
    for integre in cycle_scenario::integres::INTEGRES {
        let scenario = integre.charger().expect("charge");
        let rapport = cycle_scenario::executer(&scenario);
        println!("{}", cycle_scenario::rendu::texte_rapport(&rapport, &[]));
    }
}

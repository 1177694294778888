//! The texts of info, in Dutch, French, German and English (in that order).

crate::i18n::texts! {
    /// A text of info.
    T in "info" {
        OperatorTitle => ["De beheerder van deze dienst", "L'exploitant de ce service", "Der Betreiber dieses Dienstes", "The operator of this service"],
        OperatorNotNamed => [
            "Deze installatie van Nabij noemt geen verantwoordelijke organisatie. Gebruik ze niet voor echte gegevens en vraag wie u het adres gaf, wie ze beheert.",
            "Cette installation de Nabij ne nomme aucune organisation responsable. Ne l'utilisez pas pour des données réelles et demandez à qui vous a donné l'adresse qui la gère.",
            "Diese Installation von Nabij nennt keine verantwortliche Organisation. Nutzen Sie sie nicht für echte Daten und fragen Sie, wer Ihnen die Adresse gab, wer sie betreibt.",
            "This installation of Nabij names no responsible organisation. Do not use it for real data, and ask whoever gave you its address who runs it.",
        ],
    }
}

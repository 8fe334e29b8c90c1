namespace Medimail.DirectoryBench;

/// <summary>Common French names, départements and professions, drawn with a skew so frequent names are frequent.</summary>
internal static class FrenchData
{
    public static readonly string[] LastNames =
    [
        "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON",
        "MICHEL", "LEFÈVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT",
        "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MÜLLER", "LEFEBVRE", "FAURE", "ANDRÉ", "MERCIER", "BLANC",
        "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN",
        "CLÉMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL", "DENIS",
        "DUMONT", "MARIE", "LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD", "GIRAUD", "JOLY",
        "RIVIÈRE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD", "MARTINEZ", "GÉRARD", "ROCHE", "RENARD", "SCHMITT",
        "ROY", "LEROUX", "COLIN", "VIDAL", "CARON", "PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS",
        "LACROIX", "OLIVIER", "PHILIPPE", "BOURGEOIS", "PIERRE", "BENOÎT", "REY", "LECLERC", "PAYET", "ROLLAND", "LECLERCQ",
        "GUILLAUME", "LECOMTE", "LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER", "CARPENTIER", "SANCHEZ", "DUPUIS",
        "MOULIN", "LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ", "BOUCHER", "FLEURY", "ROYER", "KLEIN", "JACQUET",
        "ADAM", "PARIS", "POIRIER", "MARTY", "AUBRY", "GUYOT", "CARRÉ", "CHARLES", "RENAULT", "CHARPENTIER", "MÉNARD",
        "MAILLARD", "BARON", "BERTIN", "BAILLY", "HERVÉ", "SCHNEIDER", "FERNANDEZ", "LE GALL", "COLLET", "LÉGER", "BOUVIER",
        "JULIEN", "PRÉVOST", "MILLET", "PERROT", "DANIEL", "LE ROUX", "COUSIN", "GERMAIN", "BRETON", "BESSON", "LANGLOIS",
        "RÉMY", "LE GOFF", "PELLETIER", "LÉVÊQUE", "PERRIER", "LEBLANC", "BARRÉ", "LEBRUN", "MARCHAL", "WEBER", "MALLET",
        "HAMON", "BOULANGER", "JACOB", "MONNIER", "MICHAUD", "RODRIGUEZ", "GUICHARD", "GILLET", "ÉTIENNE", "GRONDIN",
        "POULAIN", "TESSIER", "CHEVALLIER", "COLLIN", "CHAUVIN", "DA SILVA", "BOUCHET", "GAY", "LEMAÎTRE", "BÉNARD",
        "MARÉCHAL", "HUMBERT", "REYNAUD", "ANTOINE", "HOARAU", "PERRET", "BARTHÉLEMY", "CORDIER", "PICHON", "LEJEUNE",
        "GILBERT", "LAMY", "DELAUNAY", "PASQUIER", "CARLIER", "LAPORTE", "DE LA MARTINIÈRE", "D'ARTAGNAN", "L'HÔPITAL",
    ];

    public static readonly string[] FirstNames =
    [
        "Jean", "Marie", "Pierre", "Nathalie", "Michel", "Isabelle", "Philippe", "Sylvie", "Alain", "Catherine", "Nicolas",
        "Françoise", "Christophe", "Sandrine", "Patrick", "Valérie", "Stéphane", "Christine", "Laurent", "Sophie",
        "Frédéric", "Céline", "Julien", "Stéphanie", "Éric", "Véronique", "David", "Aurélie", "Sébastien", "Émilie",
        "Jean-François", "Anne-Sophie", "Jean-Pierre", "Marie-Claire", "Thierry", "Hélène", "Olivier", "Caroline",
        "Thomas", "Camille", "Antoine", "Léa", "Maxime", "Chloé", "Hugo", "Manon", "Lucas", "Inès", "Benoît", "Agnès",
        "François", "Martine", "Gérard", "Brigitte", "Jérôme", "Élodie", "Guillaume", "Mélanie", "Romain", "Laëtitia",
    ];

    /// <summary>Département code, one postcode prefix, a city.</summary>
    public static readonly (string Code, string Region, string City)[] Departments =
    [
        ("01", "84", "BOURG-EN-BRESSE"), ("06", "93", "NICE"), ("13", "93", "MARSEILLE"), ("14", "28", "CAEN"),
        ("21", "27", "DIJON"), ("25", "27", "BESANÇON"), ("29", "53", "BREST"), ("31", "76", "TOULOUSE"),
        ("33", "75", "BORDEAUX"), ("34", "76", "MONTPELLIER"), ("35", "53", "RENNES"), ("37", "24", "TOURS"),
        ("38", "84", "GRENOBLE"), ("42", "84", "SAINT-ÉTIENNE"), ("44", "52", "NANTES"), ("45", "24", "ORLÉANS"),
        ("49", "52", "ANGERS"), ("51", "44", "REIMS"), ("54", "44", "NANCY"), ("57", "44", "METZ"), ("59", "32", "LILLE"),
        ("62", "32", "ARRAS"), ("63", "84", "CLERMONT-FERRAND"), ("64", "75", "PAU"), ("67", "44", "STRASBOURG"),
        ("69", "84", "LYON"), ("75", "11", "PARIS"), ("76", "28", "ROUEN"), ("80", "32", "AMIENS"), ("83", "93", "TOULON"),
        ("86", "75", "POITIERS"), ("87", "75", "LIMOGES"), ("92", "11", "NANTERRE"), ("93", "11", "SAINT-DENIS"),
        ("94", "11", "CRÉTEIL"), ("2A", "94", "AJACCIO"), ("2B", "94", "BASTIA"), ("971", "01", "POINTE-À-PITRE"),
        ("974", "04", "SAINT-DENIS"), ("972", "02", "FORT-DE-FRANCE"),
    ];

    public static readonly string[] Professions = ["10", "10", "10", "40", "50", "21", "60", "70", "80"];
    public static readonly string[] Specialties = ["SM54", "SM26", "SM53", "SM02", "SM42", "SM04", "SM32", ""];

    private static readonly string[] Starts =
    [
        "BEAU", "BEL", "BER", "BON", "BOU", "BRI", "CHA", "CHE", "COR", "DE", "DEL", "DU", "FER", "FON", "GAR", "GAU", "GRA",
        "HAR", "JOU", "LA", "LAN", "LE", "LOU", "MAL", "MAR", "MON", "MOR", "PER", "PIC", "POU", "RAB", "REN", "RIV", "ROC",
        "SAL", "TAR", "TIS", "VAL", "VER", "VIL",
    ];
    private static readonly string[] Middles = ["", "A", "E", "I", "O", "AN", "ER", "IL", "ON", "OU", "AR", "É"];
    private static readonly string[] Ends = ["AUD", "ARD", "ET", "IER", "IN", "OT", "EAU", "ON", "AIS", "ENT", "ERT", "ILLE", "AT", "OUX", "Y", "AC", "ANT", "ÈRE"];

    /// <summary>
    /// French surnames are many: the most common (MARTIN) is well under 1% of people. A third come from the common list
    /// above, evenly; the rest are built from French syllables (about 8,000 forms), so a 3-letter prefix matches
    /// a few thousand boxes of 200,000, not a fifth of them.
    /// </summary>
    public static string LastName(Random random) =>
        random.Next(3) == 0
            ? LastNames[random.Next(LastNames.Length)]
            : Starts[random.Next(Starts.Length)] + Middles[random.Next(Middles.Length)] + Ends[random.Next(Ends.Length)];

    public static string FirstName(Random random) => FirstNames[random.Next(FirstNames.Length)];

    /// <summary>Index skewed towards the start of a list (frequent names first): roughly a Zipf of exponent 1.</summary>
    public static int Skewed(Random random, int count) => (int)Math.Min(count - 1, Math.Floor(Math.Pow(count + 1, random.NextDouble()) - 1));

    public static string Digits(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
}

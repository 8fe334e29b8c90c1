using System.Text;
using Google.Protobuf.WellKnownTypes;
using Medimail.Common.V1;
using Medimail.Identity.V1;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// The account form: for each type exactly the fields the loadusers guide allows it (seed 004, the presence matrix
/// Identity-Registry applies), with the seeds' help texts, reference lists as selects. Field names are the API's
/// paths, so a violation Identity-Registry returns ("account.address.city") lands next to its field.
/// </summary>
internal static class AccountForm
{
    public static readonly (string Code, string Label, string Description)[] Types =
    [
        ("PER", "Personnel (PER)", "Compte individuel nominatif pour les professions de santé et médico-sociales avec n° RPPS ou ADELI."),
        ("INT", "Interne (INT)", "Compte individuel pour professionnel de santé sans RPPS/ADELI : professionnel de santé étranger ou interne seulement."),
        ("ORG", "Organisationnel (ORG)", "Compte partagé par plusieurs utilisateurs (secrétariat médical, cabinet, équipe de nuit…), sous la responsabilité d'un professionnel de santé. On s'y connecte avec un compte nominatif rattaché : au moins un compte de connexion est obligatoire."),
        ("MED", "Medimail (MED)", "Compte individuel pour administrateurs ou professionnels sans n° RPPS ou ADELI (personnel administratif ou informatique, secrétaires médicales). Pas d'accès à l'annuaire national MSSanté."),
        ("APP", "Applicatif (APP)", "Type de compte dédié à de l'envoi depuis un logiciel (doit être sous la responsabilité d'un professionnel habilité). L'adresse MSSanté devra être non nominative. Dès sa création par l'administrateur, le compte sera au statut VALIDE."),
    ];

    private static readonly HashSet<string> WithRppsAdeli = ["PER"];
    private static readonly HashSet<string> WithStructureIdentifier = ["INT", "ORG", "APP"];
    private static readonly HashSet<string> WithResponsible = ["ORG", "APP"];
    private static readonly HashSet<string> WithMssante = ["PER", "INT", "ORG", "APP"];

    public static bool IsType(string type) => Types.Any(t => t.Code == type);

    /// <summary>The paths the form shows for a type: also the update mask of an edit.</summary>
    public static List<string> Fields(string type)
    {
        var f = new List<string> { "lastName", "firstName" };
        if (WithRppsAdeli.Contains(type)) f.AddRange(["rpps", "adeli"]);
        f.AddRange(["profession", "specialty", "independentPractice", "legalName", "serviceUnit"]);
        if (type == "INT") f.AddRange(["diploma", "exerciseTitle"]);
        if (WithStructureIdentifier.Contains(type)) f.AddRange(["structureIdentifierType", "structureIdentifier"]);
        if (type == "APP") f.Add("returnAddress");
        if (WithResponsible.Contains(type)) f.AddRange(["responsible.lastName", "responsible.firstName", "responsible.profession", "responsible.identifier", "description"]);
        if (WithResponsible.Contains(type)) f.Add("connectionAccounts");
        f.AddRange(["address.line1", "address.line2", "address.postalCode", "address.city", "address.departmentCode", "address.regionCode", "phone1", "phone2"]);
        if (WithMssante.Contains(type)) f.Add("mssanteParticle");
        f.AddRange(["apicryptParticle", "apicryptSpecialty", "expiresOn", "unlistedRegional", "unlistedNational"]);
        return f;
    }

    public static string Render(string type, FormState form, ReferenceLists lists, bool editing)
    {
        var shown = Fields(type).ToHashSet();
        var generic = type is "ORG" or "APP";
        var b = new StringBuilder();
        b.Append("<fieldset><legend>Identité du compte</legend>");
        if (!editing)
            b.Append(Input(form, "email", "Adresse mail", "email", type switch
            {
                "ORG" => "En minuscule. L'adresse doit être générique et peut être fictive ; c'est l'identifiant du compte. Exemple : secretariat@clinique-des-sapins.fr",
                "APP" => "Saisissez une adresse générique : l'ANS préconise un libellé de type « no reply ». Exemples : no-reply@mastructure.fr ; noreply@mastructure.fr",
                _ => "En minuscule. L'adresse mail est l'identifiant du compte Medimail : deux comptes ne peuvent pas avoir la même adresse.",
            }, required: true));
        b.Append(Input(form, "lastName", "Nom", help: generic ? "EN MAJUSCULE. Libellé générique, affiché aux destinataires. Exemple : Nom : Secrétariat" : "EN MAJUSCULE.", required: true));
        b.Append(Input(form, "firstName", "Prénom", help: generic ? "Libellé générique (établissement, service). Exemple : Prénom : EHPAD Les Mimosas" : null, required: true));
        if (shown.Contains("rpps"))
        {
            b.Append(Input(form, "rpps", "RPPS", help: "Peut être vide si ADELI est rempli. Attention : ne pas mettre d'espace."));
            b.Append(Input(form, "adeli", "ADELI", help: "Peut être vide si RPPS est rempli. Attention : ne pas mettre d'espace."));
        }
        b.Append(Select(form, "profession", "Profession", lists.Options("professions"), "Sélectionnez une des professions proposées.", required: type != "APP"));
        b.Append(Select(form, "specialty", "Spécialité", lists.Options("specialties"), "Recommandé."));
        b.Append(Select(form, "independentPractice", "Activité libérale", [("", "— choisir —"), ("true", "OUI"), ("false", "NON")],
            "NON si le compte est pour un salarié de l'établissement.", required: type != "APP"));
        b.Append(Input(form, "legalName", "Raison sociale", help: "Recommandé : la raison sociale de l'établissement dans lequel exerce l'utilisateur."));
        b.Append(Input(form, "serviceUnit", "Service de rattachement", help: "Si le compte est utilisé dans le cadre du dispositif SIDEPE, indiquer « @SIDEPE » ; vide sinon."));
        if (shown.Contains("diploma"))
        {
            b.Append(Input(form, "diploma", "Diplôme", help: "Obligatoire si la profession est médico-sociale."));
            b.Append(Select(form, "exerciseTitle", "Civilité d'exercice", lists.Options("exercise-titles"), "Obligatoire avec la profession Médecin, Pharmacien ou Chirurgien-Dentiste."));
        }
        if (shown.Contains("structureIdentifierType"))
        {
            b.Append(Select(form, "structureIdentifierType", "Type d'identifiant de la structure responsable", [("", "— choisir —"), ("FINESS", "FINESS"), ("SIRET", "SIRET"), ("SIREN", "SIREN")],
                "Type d'identifiant de la structure à laquelle la BAL est associée.", required: type != "APP"));
            b.Append(Input(form, "structureIdentifier", "Identifiant de la structure responsable", help: "Numéro FINESS EJ ou EG, SIREN ou SIRET selon le type choisi.", required: type != "APP"));
        }
        if (shown.Contains("returnAddress"))
            b.Append(Input(form, "returnAddress", "Adresse de retour", "email", "Une BAL MSSanté existante qui recevra les réponses aux mails (BAL nominative d'un médecin, BAL organisationnelle du secrétariat…). Le champ est obligatoire.", required: true));
        b.Append("</fieldset>");

        if (shown.Contains("responsible.lastName"))
        {
            b.Append("<fieldset><legend>Responsable du compte</legend><p class=\"aide\">Un professionnel habilité, avec un identifiant national (RPPS ou ADELI) : un responsable fonctionnel (chef de service, médecin référent), non un responsable légal.</p>");
            b.Append(Input(form, "responsible.lastName", "Nom du responsable", required: true));
            b.Append(Input(form, "responsible.firstName", "Prénom du responsable", required: true));
            b.Append(Select(form, "responsible.profession", "Profession du responsable", lists.Options("professions"), required: true));
            b.Append(Input(form, "responsible.identifier", "Identifiant du responsable (RPPS ou ADELI)", required: true));
            b.Append(Input(form, "description", "Description du compte", "textarea", "Générique et explicite : c'est le libellé affiché aux destinataires des mails de la BAL.", required: true));
            b.Append("</fieldset>");
        }
        if (shown.Contains("connectionAccounts") && !editing)
            b.Append(Input(form, "connectionAccounts", "Compte(s) de connexion", "textarea",
                "Adresses des comptes nominatifs (PER, INT ou MED) qui accèdent à la BAL, une par ligne ou séparées par « ; ». Au moins un compte est obligatoire.", required: true));

        b.Append("<fieldset><legend>Localisation</legend>");
        b.Append(Input(form, "address.line1", "Adresse (1)", help: "Recommandé."));
        b.Append(Input(form, "address.line2", "Adresse (2)", help: "Complément d'adresse."));
        b.Append(Input(form, "address.postalCode", "Code postal", required: true));
        b.Append(Input(form, "address.city", "Ville", help: "EN MAJUSCULE.", required: true));
        b.Append(Select(form, "address.departmentCode", "Département", lists.Options("departments"), required: true));
        b.Append(Select(form, "address.regionCode", "Région", lists.Options("regions"), required: true));
        b.Append(Input(form, "phone1", "Téléphone (1)", "tel", "Sans espace ni point."));
        b.Append(Input(form, "phone2", "Téléphone (2)", "tel", "Sans espace ni point."));
        b.Append("</fieldset>");

        b.Append("<fieldset><legend>Messageries et annuaires</legend>");
        if (shown.Contains("mssanteParticle"))
            b.Append(Input(form, "mssanteParticle", "Adresse MSSanté (partie avant @)", help: "Le nom de domaine de la structure est ajouté automatiquement."));
        b.Append(Input(form, "apicryptParticle", "Adresse Apicrypt (particule)", help: "Sans la clé de l'établissement. Exemple : « test » pour test.cle@medicalXX.apicrypt.org"));
        b.Append(Input(form, "apicryptSpecialty", "Spécialité Apicrypt", help: "Obligatoire si l'adresse Apicrypt est renseignée."));
        b.Append(Input(form, "expiresOn", "Date de péremption", "date", "Date à laquelle le compte sera désactivé."));
        b.Append(Check(form, "unlistedRegional", "Liste rouge de l'annuaire Medimail", type == "APP" ? "La BAL ne fera que des envois : inutile de la référencer dans l'annuaire." : null));
        b.Append(Check(form, "unlistedNational", "Liste rouge de l'annuaire national MSSanté"));
        b.Append("</fieldset>");
        return b.ToString();
    }

    public static Account ToAccount(string type, FormState form)
    {
        string V(string name) => form.Value(name).Trim();
        var account = new Account
        {
            Email = V("email"), Type = System.Enum.Parse<Account.Types.Type>(type, ignoreCase: true),
            LastName = V("lastName"), FirstName = V("firstName"), Rpps = V("rpps"), Adeli = V("adeli"),
            LegalName = V("legalName"), ServiceUnit = V("serviceUnit"), Phone1 = V("phone1"), Phone2 = V("phone2"),
            Profession = V("profession"), Specialty = V("specialty"), Diploma = V("diploma"), ExerciseTitle = V("exerciseTitle"),
            StructureIdentifier = V("structureIdentifier"), ReturnAddress = V("returnAddress"), Description = V("description"),
            MssanteParticle = V("mssanteParticle"), ApicryptParticle = V("apicryptParticle"), ApicryptSpecialty = V("apicryptSpecialty"),
            ExpiresOn = V("expiresOn"), Etag = V("etag"),
            Address = new PostalAddress
            {
                Line1 = V("address.line1"), Line2 = V("address.line2"), PostalCode = V("address.postalCode"), City = V("address.city"),
                DepartmentCode = V("address.departmentCode"), RegionCode = V("address.regionCode"),
            },
            UnlistedRegional = V("unlistedRegional") == "on",
            UnlistedNational = V("unlistedNational") == "on",
        };
        if (V("independentPractice") is "true" or "false") account.IndependentPractice = V("independentPractice") == "true";
        if (System.Enum.TryParse<Structure.Types.IdentifierType>(V("structureIdentifierType"), true, out var idType)) account.StructureIdentifierType = idType;
        if (WithResponsible.Contains(type))
            account.Responsible = new AccountableProfessional
            {
                LastName = V("responsible.lastName"), FirstName = V("responsible.firstName"),
                Profession = V("responsible.profession"), Identifier = V("responsible.identifier"),
            };
        account.ConnectionAccounts.AddRange(V("connectionAccounts").Split(['\n', ';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return account;
    }

    public static FormState FromAccount(Account a)
    {
        var f = new FormState();
        void Set(string k, string? v) => f.Values[k] = v ?? "";
        Set("email", a.Email); Set("lastName", a.LastName); Set("firstName", a.FirstName); Set("rpps", a.Rpps); Set("adeli", a.Adeli);
        Set("legalName", a.LegalName); Set("serviceUnit", a.ServiceUnit); Set("phone1", a.Phone1); Set("phone2", a.Phone2);
        Set("profession", a.Profession); Set("specialty", a.Specialty); Set("diploma", a.Diploma); Set("exerciseTitle", a.ExerciseTitle);
        Set("structureIdentifier", a.StructureIdentifier); Set("returnAddress", a.ReturnAddress); Set("description", a.Description);
        Set("mssanteParticle", a.MssanteParticle); Set("apicryptParticle", a.ApicryptParticle); Set("apicryptSpecialty", a.ApicryptSpecialty);
        Set("expiresOn", a.ExpiresOn); Set("etag", a.Etag);
        Set("independentPractice", a.HasIndependentPractice ? (a.IndependentPractice ? "true" : "false") : "");
        Set("structureIdentifierType", a.StructureIdentifierType == Structure.Types.IdentifierType.Unspecified ? "" : a.StructureIdentifierType.ToString().ToUpperInvariant());
        Set("unlistedRegional", a.UnlistedRegional ? "on" : ""); Set("unlistedNational", a.UnlistedNational ? "on" : "");
        if (a.Address is { } ad)
        {
            Set("address.line1", ad.Line1); Set("address.line2", ad.Line2); Set("address.postalCode", ad.PostalCode);
            Set("address.city", ad.City); Set("address.departmentCode", ad.DepartmentCode); Set("address.regionCode", ad.RegionCode);
        }
        if (a.Responsible is { } r)
        {
            Set("responsible.lastName", r.LastName); Set("responsible.firstName", r.FirstName);
            Set("responsible.profession", r.Profession); Set("responsible.identifier", r.Identifier);
        }
        Set("connectionAccounts", string.Join("\n", a.ConnectionAccounts));
        return f;
    }

    /// <summary>"account.connectionAccounts[1]" → "connectionAccounts": the field the form shows.</summary>
    public static string FieldOf(string path)
    {
        var field = path.StartsWith("account.", StringComparison.Ordinal) ? path["account.".Length..] : path;
        var bracket = field.IndexOf('[');
        return bracket > 0 ? field[..bracket] : field;
    }

    public static FieldMask Mask(string type) => new() { Paths = { Fields(type).Where(f => f != "connectionAccounts") } };
}

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// What an administrator reads about an import as a whole (a job's error, a refused upload), in one place and in
/// French; the messages about a row's fields come from the account rules (docs/domain.md).
/// </summary>
internal static class ImportMessages
{
    public static readonly string TooManyRows =
        $"Le fichier compte plus de {ImportLimits.MaxRows} lignes : découpez-le en plusieurs fichiers.";

    public const string Unreadable =
        "Le fichier n'a pas pu être lu jusqu'au bout : enregistrez-le à nouveau depuis votre tableur (CSV ou XLSX).";

    public static string UnknownStructure(string structureId) => $"Aucune structure {structureId}.";

    public static string UnknownImport(string id) => $"Aucun import {id}.";

    /// <summary>The job was taken up again and again without progress (the process died on the same rows).</summary>
    public static string Stalled(int runs) =>
        $"L'import a été interrompu {runs} fois de suite au même endroit du fichier : il est arrêté pour ne pas bloquer le service. " +
        "Les lignes déjà traitées sont conservées ; vérifiez le fichier (taille, contenu inhabituel) et importez-le de nouveau.";

    /// <summary>The file could not be read to its end while the job ran.</summary>
    public static string StoppedAfter(int processedRows) =>
        $"L'import s'est arrêté après {processedRows} lignes traitées : le fichier n'a pas pu être lu jusqu'au bout. " +
        "Les lignes déjà traitées sont conservées ; corrigez le fichier et importez-le de nouveau (les comptes déjà créés seront signalés comme existants).";
}

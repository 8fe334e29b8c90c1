using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Medimail.Deployment.Tests;

// No package ships the CloudNativePG and RabbitMQ Cluster Operator models or schemas (npm, NuGet). These are minimal
// schemas written here for the fields the repository uses, from the operators' CRD references (CloudNativePG 1.26,
// postgresql.cnpg.io/v1; RabbitMQ Cluster Operator 2.x, rabbitmq.com/v1beta1): strict deserialization refuses any
// other field, so a misspelt or misplaced one fails the test. A field the manifests start using must be added here.
// KubernetesYaml maps YAML keys to the camelCase of property names (JsonPropertyName documents the key only).

public abstract class OperatorObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
}

public sealed class CnpgCluster : OperatorObject
{
    [JsonPropertyName("spec")] public CnpgClusterSpec Spec { get; set; } = new();
}

public sealed class CnpgClusterSpec
{
    [JsonPropertyName("instances")] public int Instances { get; set; }
    [JsonPropertyName("imageName")] public string? ImageName { get; set; }
    [JsonPropertyName("inheritedMetadata")] public CnpgEmbeddedMetadata? InheritedMetadata { get; set; }
    [JsonPropertyName("bootstrap")] public CnpgBootstrap? Bootstrap { get; set; }
    [JsonPropertyName("managed")] public CnpgManaged? Managed { get; set; }
    [JsonPropertyName("storage")] public CnpgStorage Storage { get; set; } = new();
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; set; }
    [JsonPropertyName("backup")] public CnpgBackup? Backup { get; set; }
}

public sealed class CnpgEmbeddedMetadata
{
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}

public sealed class CnpgBootstrap
{
    [JsonPropertyName("initdb")] public CnpgInitDb? Initdb { get; set; }
}

public sealed class CnpgInitDb
{
    [JsonPropertyName("database")] public string? Database { get; set; }
    [JsonPropertyName("owner")] public string? Owner { get; set; }
    [JsonPropertyName("secret")] public CnpgLocalObjectReference? Secret { get; set; }
}

public sealed class CnpgLocalObjectReference
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

public sealed class CnpgManaged
{
    [JsonPropertyName("roles")] public List<CnpgRole> Roles { get; set; } = [];
}

public sealed class CnpgRole
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("ensure")] public string? Ensure { get; set; }
    [JsonPropertyName("login")] public bool? Login { get; set; }
    [JsonPropertyName("passwordSecret")] public CnpgLocalObjectReference? PasswordSecret { get; set; }
}

public sealed class CnpgStorage
{
    [JsonPropertyName("size")] public string Size { get; set; } = "";
    [JsonPropertyName("storageClass")] public string? StorageClass { get; set; }
}

public sealed class CnpgBackup
{
    [JsonPropertyName("retentionPolicy")] public string? RetentionPolicy { get; set; }
    [JsonPropertyName("barmanObjectStore")] public CnpgBarmanObjectStore? BarmanObjectStore { get; set; }
}

public sealed class CnpgBarmanObjectStore
{
    [JsonPropertyName("destinationPath")] public string DestinationPath { get; set; } = "";
    [JsonPropertyName("s3Credentials")] public CnpgS3Credentials? S3Credentials { get; set; }
}

public sealed class CnpgS3Credentials
{
    [JsonPropertyName("accessKeyId")] public V1SecretKeySelector? AccessKeyId { get; set; }
    [JsonPropertyName("secretAccessKey")] public V1SecretKeySelector? SecretAccessKey { get; set; }
}

public sealed class CnpgScheduledBackup : OperatorObject
{
    [JsonPropertyName("spec")] public CnpgScheduledBackupSpec Spec { get; set; } = new();
}

public sealed class CnpgScheduledBackupSpec
{
    [JsonPropertyName("schedule")] public string Schedule { get; set; } = "";
    [JsonPropertyName("backupOwnerReference")] public string? BackupOwnerReference { get; set; }
    [JsonPropertyName("cluster")] public CnpgLocalObjectReference Cluster { get; set; } = new();
}

public sealed class CnpgDatabase : OperatorObject
{
    [JsonPropertyName("spec")] public CnpgDatabaseSpec Spec { get; set; } = new();
}

public sealed class CnpgDatabaseSpec
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    [JsonPropertyName("cluster")] public CnpgLocalObjectReference Cluster { get; set; } = new();
    [JsonPropertyName("extensions")] public List<CnpgExtension>? Extensions { get; set; }
}

public sealed class CnpgExtension
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("ensure")] public string? Ensure { get; set; }
}

public sealed class RabbitmqCluster : OperatorObject
{
    [JsonPropertyName("spec")] public RabbitmqClusterSpec Spec { get; set; } = new();
}

public sealed class RabbitmqClusterSpec
{
    [JsonPropertyName("replicas")] public int Replicas { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; set; }
    [JsonPropertyName("persistence")] public RabbitmqPersistence? Persistence { get; set; }
    [JsonPropertyName("override")] public RabbitmqOverride? Override { get; set; }
    [JsonPropertyName("rabbitmq")] public RabbitmqConfig? Rabbitmq { get; set; }
}

public sealed class RabbitmqPersistence
{
    [JsonPropertyName("storage")] public string? Storage { get; set; }
    [JsonPropertyName("storageClassName")] public string? StorageClassName { get; set; }
}

/// <summary>The operator merges this partial StatefulSet into its own: validated with the StatefulSet model.</summary>
public sealed class RabbitmqOverride
{
    [JsonPropertyName("statefulSet")] public RabbitmqStatefulSetOverride? StatefulSet { get; set; }
}

public sealed class RabbitmqStatefulSetOverride
{
    [JsonPropertyName("spec")] public RabbitmqStatefulSetOverrideSpec? Spec { get; set; }
}

public sealed class RabbitmqStatefulSetOverrideSpec
{
    [JsonPropertyName("template")] public V1PodTemplateSpec? Template { get; set; }
}

public sealed class RabbitmqConfig
{
    [JsonPropertyName("additionalConfig")] public string? AdditionalConfig { get; set; }
}

public static class OperatorResources
{
    /// <summary>The operators' kinds, keyed as KubernetesYaml's type map keys them ("group/version/Kind").</summary>
    public static Dictionary<string, Type> Types { get; } = new()
    {
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CnpgCluster),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(CnpgScheduledBackup),
        ["postgresql.cnpg.io/v1/Database"] = typeof(CnpgDatabase),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster),
    };
}

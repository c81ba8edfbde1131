using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of pod volumes and their sources.</summary>
internal static class VolumeValidation
{
    private const int MaxMode = 0x1FF; // 0777

    /// <summary>Validates the volumes and returns their names (for checking mounts).</summary>
    public static HashSet<string> Validate(List<Volume>? volumes, FieldPath path, ErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var volume = volumes![i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(volume.Name))
            {
                errors.Required(at.Child("name"));
            }
            else
            {
                errors.Rule(at.Child("name"), volume.Name, NameRules.Dns1123Label(volume.Name));
                if (!names.Add(volume.Name))
                {
                    errors.Duplicate(at.Child("name"), volume.Name);
                }
            }

            var sources = new object?[] { volume.EmptyDir, volume.HostPath, volume.ConfigMap, volume.Secret, volume.PersistentVolumeClaim, volume.DownwardAPI, volume.Projected };
            var count = sources.Count(s => s is not null);
            if (count == 0)
            {
                errors.Required(at, "must specify a volume type");
            }
            else if (count > 1)
            {
                errors.Forbidden(at, "may not specify more than 1 volume type");
            }

            ValidateSource(volume, at, errors);
        }

        return names;
    }

    private static void ValidateSource(Volume volume, FieldPath at, ErrorList errors)
    {
        if (volume.EmptyDir is { } emptyDir)
        {
            errors.OneOf(at.Child("emptyDir", "medium"), emptyDir.Medium, false, string.Empty, "Memory", "HugePages");
            if (emptyDir.SizeLimit is { Sign: < 0 } limit)
            {
                errors.Invalid(at.Child("emptyDir", "sizeLimit"), limit, "must be greater than or equal to 0");
            }
        }

        if (volume.HostPath is { } hostPath)
        {
            if (string.IsNullOrEmpty(hostPath.Path))
            {
                errors.Required(at.Child("hostPath", "path"));
            }

            errors.OneOf(at.Child("hostPath", "type"), hostPath.Type, false, "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");
        }

        if (volume.ConfigMap is { } configMap)
        {
            if (string.IsNullOrEmpty(configMap.Name))
            {
                errors.Required(at.Child("configMap", "name"));
            }

            ValidateMode(configMap.DefaultMode, at.Child("configMap", "defaultMode"), errors);
            ValidateItems(configMap.Items, at.Child("configMap", "items"), errors);
        }

        if (volume.Secret is { } secret)
        {
            if (string.IsNullOrEmpty(secret.SecretName))
            {
                errors.Required(at.Child("secret", "secretName"));
            }

            ValidateMode(secret.DefaultMode, at.Child("secret", "defaultMode"), errors);
            ValidateItems(secret.Items, at.Child("secret", "items"), errors);
        }

        if (volume.PersistentVolumeClaim is { ClaimName: null or "" })
        {
            errors.Required(at.Child("persistentVolumeClaim", "claimName"));
        }
    }

    private static void ValidateItems(List<KeyToPath>? items, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(item.Key))
            {
                errors.Required(at.Child("key"));
            }

            if (string.IsNullOrEmpty(item.Path))
            {
                errors.Required(at.Child("path"));
            }
            else
            {
                ValidateRelativePath(item.Path, at.Child("path"), errors);
            }

            ValidateMode(item.Mode, at.Child("mode"), errors);
        }
    }

    private static void ValidateMode(int? mode, FieldPath path, ErrorList errors)
    {
        if (mode is < 0 or > MaxMode)
        {
            errors.Invalid(path, mode.Value, "must be a number between 0 and 0777 (octal), both inclusive");
        }
    }

    /// <summary>A path that must be relative and must not contain a '..' element.</summary>
    public static void ValidateRelativePath(string value, FieldPath path, ErrorList errors)
    {
        if (value.StartsWith('/'))
        {
            errors.Invalid(path, value, "must be a relative path");
        }

        if (value.Split('/').Contains(".."))
        {
            errors.Invalid(path, value, "must not contain '..'");
        }
    }
}

using System.Text;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of metav1.ObjectMeta, as the apiserver's ValidateObjectMeta.</summary>
internal static class MetadataValidation
{
    /// <summary>Total size limit of all annotations (keys and values), 256 KiB.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void Validate(ObjectMeta metadata, bool namespaced, Func<string, IReadOnlyList<string>> nameRule, ErrorList errors, FieldPath? at = null)
    {
        var path = at ?? FieldPath.Of("metadata");
        if (string.IsNullOrEmpty(metadata.Name))
        {
            if (string.IsNullOrEmpty(metadata.GenerateName))
            {
                errors.Required(path.Child("name"), "name or generateName is required");
            }
        }
        else
        {
            errors.Rule(path.Child("name"), metadata.Name, nameRule(metadata.Name));
        }

        if (!string.IsNullOrEmpty(metadata.GenerateName))
        {
            // A generated name gets a random suffix, so only the prefix without its trailing '-' must be valid.
            var prefix = metadata.GenerateName.TrimEnd('-');
            if (prefix.Length > 0)
            {
                errors.Rule(path.Child("generateName"), metadata.GenerateName, nameRule(prefix));
            }
        }

        if (!string.IsNullOrEmpty(metadata.Namespace))
        {
            if (!namespaced)
            {
                errors.Forbidden(path.Child("namespace"), "not allowed on this type");
            }
            else
            {
                errors.Rule(path.Child("namespace"), metadata.Namespace, NameRules.Dns1123Label(metadata.Namespace));
            }
        }

        errors.NonNegative(path.Child("generation"), metadata.Generation);
        errors.NonNegative(path.Child("deletionGracePeriodSeconds"), metadata.DeletionGracePeriodSeconds);
        errors.Labels(path.Child("labels"), metadata.Labels);
        ValidateAnnotations(metadata.Annotations, path.Child("annotations"), errors);
        ValidateOwnerReferences(metadata.OwnerReferences, path.Child("ownerReferences"), errors);
        var finalizers = metadata.Finalizers ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            errors.Rule(path.Child("finalizers").Index(i), finalizers[i], NameRules.QualifiedName(finalizers[i]));
        }
    }

    public static void ValidateAnnotations(Dictionary<string, string>? annotations, FieldPath path, ErrorList errors)
    {
        long total = 0;
        foreach (var (key, value) in annotations ?? [])
        {
            errors.Rule(path, key.ToLowerInvariant(), NameRules.QualifiedName(key.ToLowerInvariant()));
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (total > TotalAnnotationSizeLimit)
        {
            errors.Add(new FieldError(FieldErrorType.TooLong, path.ToString(), null, $"may not be more than {TotalAnnotationSizeLimit} bytes"));
        }
    }

    private static void ValidateOwnerReferences(List<OwnerReference>? references, FieldPath path, ErrorList errors)
    {
        var controllers = new List<string>();
        for (var i = 0; i < (references?.Count ?? 0); i++)
        {
            var reference = references![i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(reference.ApiVersion))
            {
                errors.Invalid(at.Child("apiVersion"), reference.ApiVersion, "version must not be empty");
            }

            if (string.IsNullOrEmpty(reference.Kind))
            {
                errors.Invalid(at.Child("kind"), reference.Kind, "kind must not be empty");
            }

            if (string.IsNullOrEmpty(reference.Name))
            {
                errors.Invalid(at.Child("name"), reference.Name, "name must not be empty");
            }

            if (string.IsNullOrEmpty(reference.Uid))
            {
                errors.Invalid(at.Child("uid"), reference.Uid, "uid must not be empty");
            }

            if (reference.Controller == true)
            {
                controllers.Add($"{reference.Kind}/{reference.Name}");
            }
        }

        if (controllers.Count > 1)
        {
            errors.Invalid(path, string.Join(", ", controllers), "Only one reference can have Controller set to true");
        }
    }
}

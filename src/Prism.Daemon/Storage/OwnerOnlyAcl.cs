using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Prism.Daemon.Storage;

/// <summary>
/// Windows' counterpart of modes 0700/0600: a protected DACL (nothing inherited from the parent) that allows only the
/// user and SYSTEM, given to the data folder and every secret file when they are created; and the reading of an
/// existing folder's DACL: who else may write into it or read it, and whether it is the user's.
/// Administrators count as the user's own side (they can take any file anyway), as OpenSSH for Windows counts them.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class OwnerOnlyAcl
{
    /// <summary>What lets someone change what is in a folder or a file, or its access (generic bits as they may stand in an ACE).</summary>
    private const FileSystemRights Changing =
        FileSystemRights.WriteData | FileSystemRights.AppendData | FileSystemRights.WriteExtendedAttributes |
        FileSystemRights.DeleteSubdirectoriesAndFiles | FileSystemRights.Delete | FileSystemRights.ChangePermissions |
        FileSystemRights.TakeOwnership | (FileSystemRights)GenericWrite | (FileSystemRights)GenericAll;

    /// <summary>What lets someone list a folder or read a file.</summary>
    private const FileSystemRights Reading = FileSystemRights.ReadData | (FileSystemRights)GenericRead | (FileSystemRights)GenericAll;

    private const int GenericAll = 0x10000000;
    private const int GenericWrite = 0x40000000;
    private const int GenericRead = unchecked((int)0x80000000);

    private static SecurityIdentifier User
    {
        get
        {
            using var identity = WindowsIdentity.GetCurrent();
            return identity.User ?? throw new InvalidOperationException("The process token names no user.");
        }
    }

    private static SecurityIdentifier System => new(WellKnownSidType.LocalSystemSid, null);

    private static SecurityIdentifier Administrators => new(WellKnownSidType.BuiltinAdministratorsSid, null);

    /// <summary>Owned by the user, full control for the user and SYSTEM, inherited by what is created inside; nothing from the parent.</summary>
    private static DirectorySecurity ForFolder()
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(User);

        foreach (var sid in new[] { User, System })
        {
            security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl, InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        }

        return security;
    }

    /// <summary>Full control for the user and SYSTEM, nothing inherited.</summary>
    public static FileSecurity ForFile()
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(User);
        foreach (var sid in new[] { User, System })
        {
            security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl, AccessControlType.Allow));
        }

        return security;
    }

    /// <summary>Creates the folder <paramref name="path"/> (its parents as usual) owned by the user, with the owner-only DACL.</summary>
    public static void CreateFolder(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } parent)
        {
            Directory.CreateDirectory(parent);
        }

        ForFolder().CreateDirectory(path);
    }

    /// <summary>What an existing folder's owner and DACL allow others: each list names accounts (as Windows names them).</summary>
    public static FolderAccess Read(string path)
    {
        var security = new DirectoryInfo(path).GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
        var owner = security.GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier;
        var ours = new[] { User, System, Administrators };
        var mayWrite = new List<string>();
        var mayRead = new List<string>();
        foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
        {
            // Inherit-only entries reach only what is created inside, and every secret file gets its own protected DACL.
            if (rule.AccessControlType != AccessControlType.Allow || rule.PropagationFlags.HasFlag(PropagationFlags.InheritOnly)
                || rule.IdentityReference is not SecurityIdentifier sid || ours.Contains(sid))
            {
                continue;
            }

            if ((rule.FileSystemRights & Changing) != 0)
            {
                mayWrite.Add(NameOf(sid));
            }
            else if ((rule.FileSystemRights & Reading) != 0)
            {
                mayRead.Add(NameOf(sid));
            }
        }

        var foreignOwner = owner is not null && !ours.Contains(owner) ? NameOf(owner) : null;
        return new FolderAccess(foreignOwner, [.. mayWrite.Distinct()], [.. mayRead.Distinct()]);
    }

    /// <summary>
    /// Takes every other account's entries out of the folder's DACL, keeping the user's, SYSTEM's and the
    /// Administrators' as they are; what was inherited is kept as the folder's own (protected) so that the parent's
    /// entries for others stop applying. Only the DACL is written, with the owner it had.
    /// </summary>
    public static void MakePrivate(string path)
    {
        var folder = new DirectoryInfo(path);
        var security = folder.GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: true);
        folder.SetAccessControl(security);
        security = folder.GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
        var ours = new[] { User, System, Administrators };
        foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: false, typeof(SecurityIdentifier)))
        {
            if (rule.IdentityReference is SecurityIdentifier sid && !ours.Contains(sid))
            {
                security.PurgeAccessRules(sid);
            }
        }

        folder.SetAccessControl(security);
    }

    private static string NameOf(SecurityIdentifier sid)
    {
        try
        {
            return sid.Translate(typeof(NTAccount)).Value;
        }
        catch (IdentityNotMappedException)
        {
            return sid.Value;
        }
    }
}

/// <summary>Who besides the user (SYSTEM, Administrators) owns a folder, may write into it, or may only read it.</summary>
internal sealed record FolderAccess(string? ForeignOwner, IReadOnlyList<string> OthersWhoMayWrite, IReadOnlyList<string> OthersWhoMayRead);

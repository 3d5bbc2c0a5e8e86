using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Toolchain;

/// <summary>Makes the <see cref="ToolchainRecord"/> of a set of publishes on this machine.</summary>
internal sealed class ToolchainRecorder(ToolRunner tools, string root)
{
    /// <param name="requests">The publishes (as PublishPlanner plans them).</param>
    /// <param name="universal">Whether the run makes the universal macOS binary (then lipo is part of the toolchain).</param>
    public async Task<ToolchainRecord> RecordAsync(IReadOnlyList<PublishRequest> requests, bool universal)
    {
        var packs = new PublishPacks(tools, root, await PublishPacks.PackageCacheAsync(tools, root));
        var debian = new DebianPackages(tools, root);
        // The C runtime a Linux Native AOT link takes from this machine (for this machine's architecture and the cross one alike).
        var linux = OperatingSystem.IsLinux() ? new LinuxCrossToolchain(CurrentRuntime.Target, "/", name => ExecutableSearch.Find(name)) : null;
        var publishes = new List<PublishToolchain>();
        foreach (var request in requests)
        {
            var linkPackages = request.Mode == PublishMode.NativeAot && linux is not null && request.Runtime.Os == TargetOs.Linux
                ? await debian.OwningAsync(linux.LinkFiles(request.Runtime))
                : [];
            publishes.Add(new PublishToolchain(request.Sidecar.Name, request.Runtime.Rid, request.ModeName,
                await packs.ResolveAsync(request.Project, request.Runtime.Rid, Publisher.ModeProperties(request.Mode)), linkPackages));
        }

        // Native AOT links with clang (lld for a Linux cross link, GNU ld otherwise); lipo makes the universal binary.
        var aot = requests.Any(request => request.Mode == PublishMode.NativeAot);
        var nativeTools = await new NativeTools(tools, debian, root).DescribeAsync(
        [
            .. aot ? new[] { ExecutableSearch.Find("clang"), ExecutableSearch.Find("ld.lld"), ExecutableSearch.Find("ld") } : [],
            universal ? UniversalBinary.FindLipo() : null,
        ]);

        return new ToolchainRecord(ToolchainRecord.CurrentSchema, await tools.DotNetVersionAsync(root),
            [.. publishes.OrderBy(publish => publish.Sidecar, StringComparer.Ordinal).ThenBy(publish => publish.Rid, StringComparer.Ordinal)
                .ThenBy(publish => publish.Mode, StringComparer.Ordinal)],
            nativeTools);
    }
}

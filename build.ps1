#!/usr/bin/env pwsh
# Bootstrapper of the Prism build for PowerShell 7 (Windows, macOS, Linux): finds or installs the .NET SDK that
# global.json asks for, builds the build project only when it changed, and runs it with every argument unchanged.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildOutput = Join-Path $Temp 'build'
$BuildDll = Join-Path $BuildOutput '_build.dll'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Fail([string] $Message) {
    [Console]::Error.WriteLine("build.ps1: $Message")
    exit 1
}

# True when `dotnet --version` succeeds in the repository, which proves global.json's SDK is there.
function Test-Sdk([string] $DotNet) {
    Push-Location $Root
    try { & $DotNet --version *> $null; return $LASTEXITCODE -eq 0 } catch { return $false } finally { Pop-Location }
}

# A pinned value of .nuke/dotnet-install.txt (key=value lines).
function Get-Pin([string] $Key) {
    $line = Get-Content (Join-Path $Root '.nuke/dotnet-install.txt') | Where-Object { $_.StartsWith("$Key=") } | Select-Object -First 1
    if (-not $line) { Fail "no $Key= value in $(Join-Path $Root '.nuke/dotnet-install.txt'); restore that file from the repository." }
    return $line.Substring($Key.Length + 1).Trim()
}

# The dotnet-install script $Name in .nuke/temp: downloaded over https (Invoke-WebRequest never follows a redirect
# to http) from the commit .nuke/dotnet-install.txt pins - or PRISM_DOTNET_INSTALL_SCRIPT, a copy already at hand
# (offline machines) - and kept only when its SHA-256 is the pinned one. No other URL is ever taken.
function Get-DotNetInstall([string] $Name) {
    $expected = Get-Pin $Name
    $url = "https://raw.githubusercontent.com/dotnet/install-scripts/$(Get-Pin 'commit')/src/$Name"
    $script = Join-Path $Temp $Name
    if ($env:PRISM_DOTNET_INSTALL_SCRIPT) {
        $url = "$($env:PRISM_DOTNET_INSTALL_SCRIPT) (PRISM_DOTNET_INSTALL_SCRIPT)"
        Copy-Item -LiteralPath $env:PRISM_DOTNET_INSTALL_SCRIPT -Destination $script -Force
    } else {
        Invoke-WebRequest -Uri $url -OutFile $script -UseBasicParsing
    }
    $actual = (Get-FileHash -LiteralPath $script -Algorithm SHA256).Hash.ToLowerInvariant()
    if ($actual -ne $expected) {
        Remove-Item -LiteralPath $script -Force
        Fail "$Name from $url has SHA-256 $actual, but .nuke/dotnet-install.txt expects $expected. It was NOT run: the file was altered on the way, or the pin is out of date (the comment in .nuke/dotnet-install.txt says how to update it). Or install the .NET SDK yourself from https://dotnet.microsoft.com/download."
    }
    return $script
}

function Find-DotNet {
    $onPath = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($onPath -and (Test-Sdk $onPath.Source)) { return $onPath.Source }
    $exe = if ($IsWindows) { 'dotnet.exe' } else { 'dotnet' }
    $local = Join-Path $Temp "dotnet/$exe"
    if ((Test-Path $local) -and (Test-Sdk $local)) { return $local }

    $version = (Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json).sdk.version
    if ($env:PRISM_NO_SDK_INSTALL -eq '1') {
        Fail "the .NET SDK $version (global.json) is not installed and PRISM_NO_SDK_INSTALL=1 forbids installing it. Install it from https://dotnet.microsoft.com/download or unset PRISM_NO_SDK_INSTALL."
    }
    [Console]::Error.WriteLine("build.ps1: the .NET SDK $version (global.json) was not found; installing it into .nuke/temp/dotnet (set PRISM_NO_SDK_INSTALL=1 to prevent this).")
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
    if ($IsWindows) {
        $script = Get-DotNetInstall 'dotnet-install.ps1'
        & $script -InstallDir (Join-Path $Temp 'dotnet') -Version $version -NoPath | Out-Host
    } else {
        $script = Get-DotNetInstall 'dotnet-install.sh'
        & bash $script --install-dir (Join-Path $Temp 'dotnet') --version $version --no-path | Out-Host
    }
    if (-not (Test-Path $local)) { Fail "dotnet-install could not install SDK $version" }
    return $local
}

# True when the compiled build is older than any of its inputs (or missing).
function Test-BuildStale {
    if (-not (Test-Path $BuildDll)) { return $true }
    $builtAt = (Get-Item $BuildDll).LastWriteTimeUtc
    $inputs = @('build', 'src/Prism.Platform') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ } |
        ForEach-Object { Get-ChildItem $_ -Recurse -File } |
        Where-Object { $_.FullName.Substring($Root.Length) -notmatch '[\\/](bin|obj)[\\/]' }
    $inputs += @('global.json', 'Directory.Build.props', 'Directory.Packages.props', 'src/Directory.Build.props', '.editorconfig') |
        ForEach-Object { Get-Item (Join-Path $Root $_) -ErrorAction SilentlyContinue }
    return [bool]($inputs | Where-Object { $_.LastWriteTimeUtc -gt $builtAt } | Select-Object -First 1)
}

$DotNet = Find-DotNet
if (Test-BuildStale) {
    # Restored in locked mode like everything the build restores (build/packages.lock.json).
    $output = & $DotNet build $BuildProject -o $BuildOutput /nodeReuse:false /p:UseSharedCompilation=false -p:RestoreLockedMode=true -nologo -v:q 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | ForEach-Object { [Console]::Error.WriteLine($_) }
        if ("$output" -match 'NU1004') {
            Fail "the build project's NuGet lock file disagrees with it (NU1004 above). If its packages changed on purpose, run ``dotnet restore build/_build.csproj --force-evaluate``, then ``./build.ps1 UpdateLockFiles``, and commit the lock files."
        }
        Fail 'the build project did not compile; its errors are above.'
    }
    (Get-Item $BuildDll).LastWriteTimeUtc = [DateTime]::UtcNow
}

& $DotNet $BuildDll @args
exit $LASTEXITCODE

# Registers the Nightshift laptop to start at this user's login (Task Scheduler, no administrator needed):
#   powershell -ExecutionPolicy Bypass -File install-autostart.ps1
# Remove it again with: Unregister-ScheduledTask -TaskName 'Nightshift laptop' -Confirm:$false
$ErrorActionPreference = 'Stop'
$xml = (Get-Content -Raw -Path (Join-Path $PSScriptRoot 'nightshift-laptop-task.xml')).Replace('__NIGHTSHIFT_HOME__', $PSScriptRoot)
Register-ScheduledTask -TaskName 'Nightshift laptop' -Xml $xml -Force | Out-Null
Start-ScheduledTask -TaskName 'Nightshift laptop'
Write-Host "Nightshift laptop registered to start at login and started now from $PSScriptRoot"

# One TCP connect with a time limit, for Hostscope's active checks (issue 14; ../shared/spec/diagnosis.md
# section 5). System.Net.Sockets.TcpClient's ConnectAsync with Task.Wait(timeout) exists in Windows PowerShell 5.1
# (.NET Framework 4.5 and later) and in PowerShell 7. Nothing is sent: the connection is closed once made. The
# address and port arrive as parameters only, never as script text.
# Loaded into the runner's shell (runner-bridge.ps1) and run inside containers through docker exec.

function Test-HostscopeTcpConnection {
    param(
        [Parameter(Mandatory = $true)][string]$Address,
        [Parameter(Mandatory = $true)][int]$Port,
        [Parameter(Mandatory = $true)][int]$TimeoutMs
    )
    $ip = $null
    if (-not [System.Net.IPAddress]::TryParse($Address, [ref]$ip) -or $Port -lt 1 -or $Port -gt 65535) {
        return @{ Outcome = 'error'; Detail = 'not an IP address and port'; DurationMs = 0 }
    }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $client = New-Object System.Net.Sockets.TcpClient($ip.AddressFamily)
    try {
        try {
            $task = $client.ConnectAsync($ip, $Port)
            if ($task.Wait($TimeoutMs)) {
                $answer = @{ Outcome = 'connected'; Detail = "connected from $($client.Client.LocalEndPoint)" }
            } else {
                $answer = @{ Outcome = 'timeout'; Detail = "no answer within $TimeoutMs ms" }
            }
        } catch {
            # Task.Wait wraps the socket's error in an AggregateException, which PowerShell wraps again.
            $socketError = $null
            $e = $_.Exception
            while ($null -ne $e) {
                if ($e -is [System.Net.Sockets.SocketException]) { $socketError = $e; break }
                if ($e -is [System.AggregateException] -and $e.InnerExceptions.Count -gt 0) { $e = $e.InnerExceptions[0] }
                else { $e = $e.InnerException }
            }
            if ($null -eq $socketError) {
                $answer = @{ Outcome = 'error'; Detail = $_.Exception.Message }
            } elseif ($socketError.SocketErrorCode -eq [System.Net.Sockets.SocketError]::ConnectionRefused) {
                $answer = @{ Outcome = 'refused'; Detail = "refused: $($socketError.Message)" }
            } elseif ($socketError.SocketErrorCode -eq [System.Net.Sockets.SocketError]::TimedOut) {
                $answer = @{ Outcome = 'timeout'; Detail = "timed out: $($socketError.Message)" }
            } else {
                $answer = @{ Outcome = 'error'; Detail = "$($socketError.SocketErrorCode): $($socketError.Message)" }
            }
        }
    } finally {
        $client.Close()
    }
    $answer.DurationMs = [int]$watch.ElapsedMilliseconds
    return $answer
}

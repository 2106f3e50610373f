import Model

/// Container lifecycle hooks (`lifecycle.postStart`, `lifecycle.preStop`) as the simulated kubelet runs
/// them: instantly, successfully unless the pod asks for a failure (`sim.logbook.dev/poststart: fail`,
/// `sim.logbook.dev/prestop: fail`).
enum LifecycleHook: String {
    case postStart
    case preStop

    /// The container's handler for this hook, if it has one.
    func handler(of container: JSONValue) -> JSONValue? {
        guard let handler = container[path: ["lifecycle", rawValue]], handler.objectValue != nil else { return nil }
        return handler
    }

    /// The message upstream's handler runner (`pkg/kubelet/lifecycle/handlers.go`) returns for a failed
    /// hook; the kubelet shows it as the `PostStartHookError` waiting message. An exec hook is simulated
    /// as a command that exits with 1 and prints nothing; an HTTP hook as a refused connection.
    static func failureMessage(_ handler: JSONValue, container: JSONValue, podReference: String, podIP: String) -> String {
        let name = container["name"]?.stringValue ?? ""
        let target = "for Container \"\(name)\" in Pod \"\(podReference)\" failed - error:"
        if let http = handler["httpGet"], http.objectValue != nil {
            let path = http["path"]?.stringValue ?? ""
            let host = http["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
            let portText = Probe.port(http["port"], in: container)
            let port = portText.isEmpty ? "80" : portText
            let scheme = (http["scheme"]?.stringValue ?? "HTTP").lowercased()
            let url = "\(scheme)://\(host):\(port)\(path.hasPrefix("/") ? "" : "/")\(path)"
            return "HTTP lifecycle hook (\(path)) \(target) Get \"\(url)\": dial tcp \(host):\(port): connect: connection refused"
        }
        if let sleep = handler["sleep"], sleep.objectValue != nil {
            let seconds = sleep["seconds"]?.intValue ?? 0
            return "Sleep lifecycle hook (\(seconds)) \(target) container terminated before sleep hook finished"
        }
        let command = (handler[path: ["exec", "command"]]?.arrayValue ?? []).compactMap(\.stringValue)
        return "Exec lifecycle hook ([\(command.joined(separator: " "))]) \(target) command '\(command.joined(separator: " "))' exited with 1: , message: \"\""
    }
}

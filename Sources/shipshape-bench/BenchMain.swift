import Foundation

/// `shipshape-bench`: the in-process half of `scripts/bench`. Each subcommand
/// measures one thing and writes its figures as JSON lines on standard output;
/// `report` turns them into the table. Exits non-zero only when it could not measure.
///
///   decode  --fixture FILE [--fixture FILE…] [--runs R]   decode + rules per fixture
///   decode-raw --nodes FILE [--runs R]                    the node decoder on a captured list
///   draw    --fixture FILE [--frames F]                   one frame of the nodes pane
///   refresh --kubeconfig K --context C [--runs R]         refresh vs bare kubectl
///   memory  --kubeconfig K --context C [--refreshes R]    RSS over many refreshes
///   spawn   [--calls N]                               live heap left behind per tool call
///   report  --in FILE [--in FILE…] [--json OUT]           the table
@main
struct BenchMain {
    static func main() async {
        do {
            let args = try Arguments(Array(CommandLine.arguments.dropFirst()))
            let figures: [Figure]
            switch args.command {
            case "decode":
                figures = try await DecodeBench.run(fixtures: args.all("fixture"), runs: try args.int("runs", default: 15))
            case "decode-raw":
                figures = try RawDecodeBench.run(nodesFile: try args.string("nodes"), runs: try args.int("runs", default: 15))
            case "draw":
                figures = try await DrawBench.run(fixture: try args.string("fixture"), frames: try args.int("frames", default: 300))
            case "refresh":
                figures = try await RefreshBench.run(kubeconfig: try args.string("kubeconfig"), context: try args.string("context"),
                                                     runs: try args.int("runs", default: 15))
            case "memory":
                figures = try await MemoryBench.run(kubeconfig: try args.string("kubeconfig"), context: try args.string("context"),
                                                    refreshes: try args.int("refreshes", default: 100))
            case "spawn":
                figures = try await SpawnBench.run(calls: try args.int("calls", default: 1000))
            case "report":
                try Report.run(inputs: args.all("in"), json: args.optional("json"))
                figures = []
            default:
                throw BenchError("unknown command \(args.command)")
            }
            for figure in figures { figure.emit() }
        } catch let error as BenchError {
            FileHandle.standardError.write(Data("shipshape-bench: \(error.description)\n".utf8))
            exit(2)
        } catch {
            FileHandle.standardError.write(Data("shipshape-bench: \(error)\n".utf8))
            exit(2)
        }
    }
}

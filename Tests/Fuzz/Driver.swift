import Foundation

#if FUZZING
// libFuzzer's driver. SwiftPM renames an executable target's `main` to `<target>_main` and links
// `main` to it, so the entry point is exported under that name and hands over to libFuzzer.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("rehearse_fuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzer(&count, &arguments) { data, size in
        FuzzInput.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
#else
/// Without libFuzzer: `replay FILE...` runs saved inputs (crash reproducers, the regression set);
/// `mutate SEED... --count N --seed S` runs N deterministic mutants of the seed files.
@main
enum FuzzDriver {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "replay":
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("rehearse-fuzz: cannot read '\(path)'\n".utf8))
                    exit(1)
                }
                data.withUnsafeBytes { FuzzInput.run($0, extension: (path as NSString).pathExtension) }
            }
            print("replayed \(arguments.count - 1) inputs")
        case "mutate":
            var seeds: [String] = []
            var count = 1_000
            var seed: UInt64 = 1
            var rest = arguments.dropFirst()[...]
            while let argument = rest.popFirst() {
                switch argument {
                case "--count": count = rest.popFirst().flatMap(Int.init) ?? count
                case "--seed": seed = rest.popFirst().flatMap(UInt64.init) ?? seed
                default: seeds.append(argument)
                }
            }
            let started = Date()
            let ran = Mutator.run(seeds: seeds, count: count, seed: seed)
            print(
                String(
                    format: "ran %d mutants of %d seeds in %.1f s, no crash", ran, seeds.count,
                    Date().timeIntervalSince(started)))
        default:
            FileHandle.standardError.write(
                Data("usage: rehearse-fuzz replay FILE... | mutate SEED... [--count N] [--seed S]\n".utf8))
            exit(64)
        }
    }
}
#endif

import Foundation
import Testing
import TestSupport

@testable import Sessions

/// Where practice lives when nobody says: never in whatever folder a command happens to run in.
@Suite struct PracticeHomeTests {
    @Test func homeIsTheOptionThenTheEnvironmentThenAFolderWithDecksThenTheUsersDataFolder() throws {
        try TemporaryFolder.with("rehearse-homes") { folder in
            let plain = folder.appendingPathComponent("plain").path
            let clone = folder.appendingPathComponent("clone").path
            try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: clone + "/Prompts", withIntermediateDirectories: true)
            let environment = ["HOME": "/home/ann"]
            #expect(PracticeHome.resolve("/x", environment: environment, workingFolder: clone).folder.path == "/x")
            #expect(
                PracticeHome.resolve(nil, environment: ["REHEARSE_HOME": "/y"], workingFolder: clone).folder.path
                    == "/y")
            #expect(PracticeHome.resolve(nil, environment: environment, workingFolder: clone).folder.path == clone)
            #expect(
                PracticeHome.resolve(nil, environment: environment, workingFolder: plain).folder.path
                    == "/home/ann/.local/share/rehearse")
            #expect(
                PracticeHome.resolve(nil, environment: ["XDG_DATA_HOME": "/data"], workingFolder: plain).folder.path
                    == "/data/rehearse")
        }
    }
}

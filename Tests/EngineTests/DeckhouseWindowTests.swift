import Foundation
import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// Update-window arithmetic on its own: parsing, days, hours across midnight, overlap,
/// the next window from a given moment, and malformed windows from a cluster.
@Suite struct DeckhouseWindowTests {
    static func window(_ days: String, _ from: String, _ to: String) throws -> UpdateWindow {
        try UpdateWindow.parse(days: days, from: from, to: to)
    }

    /// 2025-06-07 is a Saturday.
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test func timesFollowTheSchemaPattern() {
        #expect(WindowTime.parse("8:00")?.minutes == 480)
        #expect(WindowTime.parse("08:00")?.minutes == 480)
        #expect(WindowTime.parse("0:00")?.minutes == 0)
        #expect(WindowTime.parse("23:59")?.minutes == 1439)
        for bad in ["24:00", "25:00", "8:5", "8:60", "800", "8h", "", ":00", "-1:00", "08:00:00", "٨:00"] {
            #expect(WindowTime.parse(bad) == nil, "\(bad) should not parse")
        }
        #expect(WindowTime.parse("8:00")?.description == "08:00")
    }

    @Test func daysParseAsTheSchemaNamesThemAndAsRanges() throws {
        #expect(try UpdateWindow.parseDays("Sat,Sun") == [.sat, .sun])
        #expect(try UpdateWindow.parseDays("sun, sat") == [.sat, .sun])
        #expect(try UpdateWindow.parseDays("Mon-Fri") == [.mon, .tue, .wed, .thu, .fri])
        #expect(try UpdateWindow.parseDays("Fri-Mon") == [.mon, .fri, .sat, .sun])
        #expect(try UpdateWindow.parseDays("Monday") == [.mon])
        #expect(try UpdateWindow.parseDays("") == [])
        #expect(try UpdateWindow.parseDays("daily") == [])
        #expect(try UpdateWindow.parseDays("Mon-Sun") == [], "all seven days is every day")
        #expect(throws: UpdateWindowError.unknownDay("Funday")) { try UpdateWindow.parseDays("Mon,Funday") }
        #expect(throws: UpdateWindowError.unknownDay("Mo")) { try UpdateWindow.parseDays("Mo") }
    }

    @Test func formValidationGivesClearMessages() {
        #expect(throws: UpdateWindowError.missingTime(field: "from")) { try Self.window("Sat", "", "04:00") }
        #expect(throws: UpdateWindowError.badTime(field: "to", value: "25:00")) { try Self.window("Sat", "01:00", "25:00") }
        #expect(throws: UpdateWindowError.emptyWindow("03:00")) { try Self.window("Sat", "3:00", "03:00") }
        let message = UpdateWindowError.badTime(field: "from", value: "25:00").description
        #expect(message.contains("\"25:00\"") && message.contains("H:MM"))
    }

    @Test func malformedWindowsFromTheClusterBecomeProblemsNotCrashes() {
        let settings = DeckhouseUpdateSettings(releaseChannel: "Stable", mode: "Auto", rawWindows: [
            UpdateWindowSpec(from: "25:00", to: "26:00"),
            UpdateWindowSpec(from: "8:00", to: "10:00", days: ["Tue", "Caturday"]),
            UpdateWindowSpec(from: "", to: "4:00"),
            UpdateWindowSpec(from: "20:00", to: "22:00", days: ["Sat"]),
            UpdateWindowSpec(from: "\u{1b}[31m1:00", to: "2:00"),
        ])
        #expect(settings.windows.count == 1)
        #expect(settings.windowProblems.count == 4)
        #expect(settings.windowProblems[0].contains("window 1") && settings.windowProblems[0].contains("\"25:00\" is not a time of day"))
        #expect(settings.windowProblems[1].contains("\"Caturday\" is not a day"))
        #expect(settings.windowProblems[2].contains("window 3"))
        #expect(!settings.windowProblems[3].contains("\u{1b}"), "cluster text is sanitised")
        #expect(settings.schedule.summary == "Sat 20:00–22:00")
    }

    @Test func windowsAcrossMidnightRunIntoTheNextDay() throws {
        let friday = try Self.window("Fri", "22:00", "2:00")
        #expect(friday.crossesMidnight && friday.length == 240)
        let schedule = WeekSchedule([friday])
        #expect(schedule.ranges == [(4 * 1440 + 1320)..<(5 * 1440 + 120)])
        #expect(schedule.covers(day: .fri, hour: 23) && schedule.covers(day: .sat, hour: 1))
        #expect(!schedule.covers(day: .sat, hour: 2) && !schedule.covers(day: .fri, hour: 21))
        #expect(schedule.summary == "Fri 22:00–Sat 02:00")
        // Sunday night wraps to Monday morning: the week repeats.
        let sunday = WeekSchedule([try Self.window("Sun", "23:00", "1:00")])
        #expect(sunday.ranges == [0..<60, (6 * 1440 + 1380)..<10_080])
        #expect(sunday.covers(day: .mon, hour: 0) && sunday.covers(day: .sun, hour: 23))
        // Until midnight exactly.
        #expect(WeekSchedule([try Self.window("Tue", "22:00", "0:00")]).summary == "Tue 22:00–24:00")
    }

    @Test func everyDayWhenNoDaysAreListed() throws {
        let schedule = WeekSchedule([try Self.window("", "8:00", "10:00")])
        #expect(schedule.ranges.count == 7)
        #expect(schedule.openMinutes == 7 * 120)
        #expect(UpdateWeekday.allCases.allSatisfy { schedule.covers(day: $0, hour: 9) })
        #expect(try Self.window("", "8:00", "10:00").spec == UpdateWindowSpec(from: "08:00", to: "10:00", days: nil))
    }

    @Test func overlapIsWhereBothAreOpen() throws {
        let north = WeekSchedule([try Self.window("Sat", "1:00", "5:00")])
        let south = WeekSchedule([try Self.window("Sat,Sun", "3:00", "6:00"), try Self.window("Wed", "22:00", "2:00")])
        let shared = north.overlap(with: south)
        #expect(shared.summary == "Sat 03:00–05:00")
        #expect(shared.openMinutes == 120)
        #expect(south.overlap(with: north) == shared)
        // Touching windows do not overlap: one closes as the other opens.
        let early = WeekSchedule([try Self.window("Sat", "1:00", "3:00")])
        let late = WeekSchedule([try Self.window("Sat", "3:00", "5:00")])
        #expect(early.overlap(with: late).isEmpty)
        // Across midnight against an early-morning window the next day.
        let night = WeekSchedule([try Self.window("Fri", "23:00", "2:00")])
        let morning = WeekSchedule([try Self.window("Sat", "1:30", "4:00")])
        #expect(night.overlap(with: morning).summary == "Sat 01:30–02:00")
    }

    @Test func adjacentWindowsMerge() throws {
        let schedule = WeekSchedule([try Self.window("Sat", "1:00", "3:00"), try Self.window("Sat", "3:00", "5:00"), try Self.window("Sat", "2:00", "4:00")])
        #expect(schedule.ranges.count == 1)
        #expect(schedule.summary == "Sat 01:00–05:00")
    }

    @Test func nextWindowFromAGivenTime() throws {
        let schedule = WeekSchedule([try Self.window("Sat", "1:00", "5:00"), try Self.window("Wed", "22:00", "2:00")])
        // Saturday 2025-06-07 00:30 UTC: Saturday's window opens in half an hour.
        let before = try #require(schedule.next(after: Self.utc("2025-06-07T00:30:00Z")))
        #expect(!before.openNow)
        #expect(before.opens == Self.utc("2025-06-07T01:00:00Z") && before.closes == Self.utc("2025-06-07T05:00:00Z"))
        // Inside it: open now, closing at 05:00.
        let inside = try #require(schedule.next(after: Self.utc("2025-06-07T03:15:00Z")))
        #expect(inside.openNow && inside.opens == Self.utc("2025-06-07T01:00:00Z") && inside.closes == Self.utc("2025-06-07T05:00:00Z"))
        // After it: next Wednesday 22:00, closing Thursday 02:00.
        let after = try #require(schedule.next(after: Self.utc("2025-06-07T06:00:00Z")))
        #expect(!after.openNow && after.opens == Self.utc("2025-06-11T22:00:00Z") && after.closes == Self.utc("2025-06-12T02:00:00Z"))
        // Sunday evening: wraps past the end of the week to Wednesday.
        #expect(schedule.next(after: Self.utc("2025-06-08T20:00:00Z"))?.opens == Self.utc("2025-06-11T22:00:00Z"))
        #expect(WeekSchedule([]).next(after: Date()) == nil)
    }

    @Test func nextWindowAcrossTheWeekBoundary() throws {
        let schedule = WeekSchedule([try Self.window("Sun", "23:00", "1:00")])
        // Monday 00:30 (2025-06-09): the window opened Sunday 23:00 and closes at 01:00.
        let open = try #require(schedule.next(after: Self.utc("2025-06-09T00:30:00Z")))
        #expect(open.openNow && open.opens == Self.utc("2025-06-08T23:00:00Z") && open.closes == Self.utc("2025-06-09T01:00:00Z"))
        // Sunday 23:30: open, and it runs on to Monday 01:00.
        let late = try #require(schedule.next(after: Self.utc("2025-06-08T23:30:00Z")))
        #expect(late.openNow && late.closes == Self.utc("2025-06-09T01:00:00Z"))
        // Sunday 12:00: opens tonight.
        #expect(schedule.next(after: Self.utc("2025-06-08T12:00:00Z"))?.opens == Self.utc("2025-06-08T23:00:00Z"))
    }

    @Test func minuteOfWeekStartsOnMondayUTC() {
        #expect(WeekSchedule.minuteOfWeek(Self.utc("2025-06-09T00:00:00Z")) == 0)
        #expect(WeekSchedule.minuteOfWeek(Self.utc("2025-06-07T01:30:00Z")) == 5 * 1440 + 90)
        #expect(WeekSchedule.minuteOfWeek(Self.utc("2025-06-08T23:59:00Z")) == 10_079)
    }
}

import CSVExport
import FitbitFormats
import JSONLExport
import PolarFormats
import SQLiteStore
import TrainingXML
import WearportCore
import WebhookArchives

/// Every input format and output format wearport knows. Adding one is one line here.
public enum Formats {
  /// The readers, in the order they are asked (ties in sniffing go to the first).
  public static var readers: ReaderRegistry {
    var registry = ReaderRegistry()
    registry.register(AccessLinkExerciseReader())
    registry.register(AccessLinkSleepReader())
    registry.register(AccessLinkNightlyRechargeReader())
    registry.register(AccessLinkContinuousHeartRateReader())
    registry.register(AccessLinkActivityReader())
    registry.register(AccessLinkCardioLoadReader())
    registry.register(AccessLinkPhysicalInformationReader())
    registry.register(AccessLinkIndexReader())
    registry.register(AccessLinkBundleReader())
    registry.register(FlowExportSessionReader())
    registry.register(FlowExportActivityReader())
    registry.register(FlowExportContinuousHeartRateReader())
    registry.register(FlowExportSleepReader())
    registry.register(FlowExportPhysicalInformationReader())
    registry.register(FlowWebCalendarItemReader())
    registry.register(AccessLinkTransactionSampleReader())
    registry.register(TCXReader())
    registry.register(GPXReader())
    // Fitbit Web API responses and account exports.
    registry.register(FitbitDailySummaryReader())
    registry.register(FitbitTimeSeriesReader())
    registry.register(FitbitIntradayReader())
    registry.register(FitbitHeartRateSeriesReader())
    registry.register(FitbitActivityLogListReader())
    registry.register(FitbitSleepReader())
    registry.register(FitbitBodyLogReader())
    registry.register(FitbitProfileReader())
    registry.register(FitbitHealthSeriesReader())
    registry.register(FitbitErrorResponseReader())
    registry.register(FitbitNotConvertedReader())
    registry.register(FitbitExportHeartRateReader())
    registry.register(FitbitExportMinuteSeriesReader())
    registry.register(FitbitExportExerciseReader())
    registry.register(FitbitExportSleepReader())
    registry.register(FitbitExportBodyReader())
    registry.register(FitbitExportDailyReader())
    registry.register(FitbitExportStampReader())
    // Webhook archives: deliveries (JSON Lines, HAR), stored notifications, the partitioned layout.
    registry.register(WebhookDeliveryReader())
    registry.register(WebhookHARReader())
    registry.register(NotificationPartitionReader())
    registry.register(PolarWebhookPayloadReader())
    registry.register(FitbitNotificationReader())
    registry.register(FitbitSubscriptionResponseReader())
    return registry
  }

  /// The output formats of `convert --to`.
  public enum Output: String, CaseIterable, Sendable {
    case tcx, gpx, csv, sqlite, jsonl

    /// What `-o` names for this format.
    public var outputKind: String {
      switch self {
      case .tcx, .gpx, .csv: "a folder (created if missing)"
      case .sqlite: "a database file (created or updated)"
      case .jsonl: "a file, or - for standard output"
      }
    }
  }

  /// Opens the sink for an output format.
  ///
  /// - Throws: `output.unwritable`, or `output.unsupported` for a format this build cannot write yet.
  /// - Parameter busyTimeoutMilliseconds: how long SQLite waits for another process's lock (`--busy-timeout`).
  public static func sink(_ output: Output, path: String, busyTimeoutMilliseconds: Int32 = 5000) throws
    -> any RecordSink
  {
    switch output {
    case .jsonl: return try JSONLSink(path: path)
    case .tcx: return try TrainingXMLSink(format: .tcx, folder: path)
    case .gpx: return try TrainingXMLSink(format: .gpx, folder: path)
    case .csv: return try CSVSink(directory: path)
    case .sqlite:
      return try SQLiteSink(
        path: path, toolVersion: WearportVersion.current, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }
  }

  private static func unsupported(_ output: Output) -> Diagnostic {
    .error(
      .outputUnsupported, "writing \(output.rawValue.uppercased()) is not available in this version yet; use --to jsonl"
    )
  }
}

extension Diagnostic.Code {
  public static let outputUnsupported: Self = "output.unsupported"
}

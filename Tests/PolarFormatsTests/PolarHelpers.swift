import PolarFormats
import WearportCore
import WearportTestSupport

/// Every Polar reader, as registered in the tool.
let polarReaders: [any FormatReader] = [
  AccessLinkExerciseReader(), AccessLinkSleepReader(), AccessLinkNightlyRechargeReader(),
  AccessLinkContinuousHeartRateReader(), AccessLinkActivityReader(), AccessLinkCardioLoadReader(),
  AccessLinkPhysicalInformationReader(), AccessLinkIndexReader(), AccessLinkBundleReader(), FlowExportSessionReader(),
  FlowExportActivityReader(), FlowExportContinuousHeartRateReader(), FlowExportSleepReader(),
  FlowExportPhysicalInformationReader(), FlowWebCalendarItemReader(), AccessLinkTransactionSampleReader(),
]

func polar(_ relative: String, options: ReadOptions = ReadOptions()) throws -> ReadResult {
  try read([fixturePath("polar/" + relative)], with: polarReaders, options: options)
}

let flowExport = "flow-export/polar-user-data-export_0f1e2d3c/"

extension ReadResult {
  var sleeps: [SleepSession] { records.compactMap { if case .sleepSession(let s) = $0 { s } else { nil } } }
  var heartRates: [HeartRateSample] { records.compactMap { if case .heartRate(let s) = $0 { s } else { nil } } }
  var metrics: [MetricSample] { records.compactMap { if case .metricSample(let s) = $0 { s } else { nil } } }
  var days: [DailyActivity] { records.compactMap { if case .dailyActivity(let s) = $0 { s } else { nil } } }
  var bodies: [BodyMeasurement] { records.compactMap { if case .bodyMeasurement(let s) = $0 { s } else { nil } } }
  func metric(_ name: String) -> [MetricSample] { metrics.filter { $0.metric == name } }
}

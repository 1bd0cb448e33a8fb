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
  var sleeps: [SleepSession] { records.sleeps }
  var heartRates: [HeartRateSample] { records.heartRates }
  var metrics: [MetricSample] { records.metrics }
  var days: [DailyActivity] { records.days }
  var bodies: [BodyMeasurement] { records.bodies }
  func metric(_ name: String) -> [MetricSample] { metrics.filter { $0.metric == name } }
}

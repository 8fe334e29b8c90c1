using Medimail.Directory.V1;

namespace Medimail.Directory.Grpc;

/// <summary>
/// Mapped so clients get UNIMPLEMENTED (REST: 501) rather than an unknown route. Setting the liste rouge flags waits on
/// a decision: Identity-Registry's account events carry them too, so whichever side owns them must be settled first.
/// </summary>
public sealed class VisibilityGrpcService : VisibilityService.VisibilityServiceBase;

using Aspire.Hosting.ApplicationModel;
using Xunit;

namespace Network.Tests.AppHost;

/// <summary>Which lines of the resources' logs the AppHost test counts as errors (see <c>AppHostTests.ErrorsIn</c>).</summary>
public class AppHostLogTests
{
    const string At = "2026-12-03 19:50:01.123456+00:00";

    static List<string> Errors(params string[] rabbitMqLines) =>
        AppHostTests.ErrorsIn(rabbitMqLines.Select((line, i) => ("rabbitmq", new LogLine(i + 1, line, false))));

    [Fact]
    public void A_client_that_closed_before_it_authenticated_is_expected_and_only_its_own_lines()
    {
        var errors = Errors(
            $"{At} [info] <0.900.0> accepting AMQP connection <0.901.0> (127.0.0.1:40000 -> 127.0.0.1:5672)",
            $"{At} [error] <0.901.0> closing AMQP connection <0.901.0> (127.0.0.1:40000 -> 127.0.0.1:5672):",
            $"{At} [error] <0.901.0> {{handshake_error,starting,",
            $"{At} [error] <0.901.0>                  {{amqp_error,unexpected_frame,\"unexpected method in connection state starting\",'connection.close'}}}}",
            $"{At} [error] <0.950.0> Queue 'forum-x' in vhost '/' crashed");
        Assert.Equal([$"rabbitmq: {At} [error] <0.950.0> Queue 'forum-x' in vhost '/' crashed"], errors);
    }

    [Fact]
    public void A_refused_login_during_the_handshake_is_an_error()
    {
        var errors = Errors(
            $"{At} [error] <0.901.0> closing AMQP connection <0.901.0> (127.0.0.1:40000 -> 127.0.0.1:5672):",
            $"{At} [error] <0.901.0> {{handshake_error,starting,",
            $"{At} [error] <0.901.0>     {{amqp_error,access_refused,\"PLAIN login refused: user 'forum' - invalid credentials\",'connection.start_ok'}}}}");
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void A_health_check_that_gave_up_after_naming_itself_is_expected()
    {
        var errors = Errors(
            $"{At} [error] <0.777.0> closing AMQP connection <0.777.0> (127.0.0.1:40001 -> 127.0.0.1:5672 - health-check):",
            $"{At} [error] <0.777.0> {{handshake_timeout,handshake}}");
        Assert.Empty(errors);
    }
}

using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Domain.Store;

/// <summary>
/// <c>EF.Functions.Like</c> ignores case on SQLite (its LIKE does, for ASCII) and the services' searches rely on it;
/// PostgreSQL's LIKE does not. So on PostgreSQL each query's <c>Like</c> calls become <c>ILike</c> before the query
/// is compiled (once per query shape), and a search finds the same rows on both providers.
/// </summary>
internal sealed class PostgresLikeIgnoresCase : ExpressionVisitor, IQueryExpressionInterceptor
{
    public static readonly PostgresLikeIgnoresCase Instance = new();

    private static readonly Dictionary<MethodInfo, MethodInfo> LikeToILike = new()
    {
        [Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 3)] =
            Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 3),
        [Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 4)] =
            Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 4),
    };

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node) =>
        LikeToILike.TryGetValue(node.Method, out var iLike)
            ? Expression.Call(iLike, node.Arguments.Select(Visit)!)
            : base.VisitMethodCall(node);

    private static MethodInfo Method(Type type, string name, int parameters) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters
            && m.GetParameters().Skip(1).All(p => p.ParameterType == typeof(string)));
}
